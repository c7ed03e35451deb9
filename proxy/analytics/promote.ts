/**
 * Promoting an experiment's winner: the winning variant's overrides become the form itself, the
 * variants go, and the version moves on, so the experiment (kept as results of its version) ends and
 * nothing mixes. The studio publishes the returned config; automatic promotion is opt-in and refuses
 * whenever the verdict is not a clean winner (a failing sample-ratio check is never clean).
 */
import type { FormConfig } from '../config/form-schema.ts';
import type { Verdict } from './stats/index.ts';

export type Promotion = { ok: true; form: FormConfig; reason: string } | { ok: false; code: 'no_winner' | 'sample_ratio_mismatch' | 'unknown_variant'; message: string };

export function promoteWinner(form: FormConfig, winner: string, verdict?: Verdict): Promotion {
  if (verdict?.sampleRatio.mismatch) return { ok: false, code: 'sample_ratio_mismatch', message: 'The split of assigned visitors departs from the weights: fix the assignment before promoting anything.' };
  if (verdict && verdict.winner !== winner) return { ok: false, code: 'no_winner', message: `The test has not declared "${winner}" the winner (${verdict.status}).` };
  const chosen = form.variants?.find((v) => v.id === winner);
  if (!chosen) return { ok: false, code: 'unknown_variant', message: `Form "${form.id}" has no variant "${winner}".` };
  const { id: _id, weight: _weight, ...overrides } = chosen;
  const { variants: _variants, ...base } = form;
  const version = ((form as { version?: number }).version ?? 1) + 1;
  const reason = verdict ? `Variant "${winner}" won on day ${verdict.decidedOnDay} (always-valid p ≤ 0.05).` : `Variant "${winner}" promoted by hand.`;
  return { ok: true, form: { ...base, ...overrides, version, holdout: undefined } as FormConfig, reason };
}
