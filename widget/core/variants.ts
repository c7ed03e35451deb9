import type { PublishedForm } from '../types.ts';
import { hash } from './targeting.ts';

/** The variant recorded for visitors held out: assigned, never shown (proxy/analytics/types.ts). */
export const HOLDOUT = '_holdout';

/**
 * The visitor's A/B variant of a form, applied. Assignment is a hash of the visitor seed and the
 * form id: sticky across pages and tabs without storing anything more. Without storage the seed
 * cannot be sticky, so `experiment` is false: the first variant, and never the holdout.
 */
export function pickVariant(form: PublishedForm, seed: string, experiment = true): [form: PublishedForm, variant?: string] {
  const variants = form.variants;
  // A separate hash from the variant's, so the arms keep their weights among the visitors shown.
  if (experiment && hash(seed + form.id + ':h') < form.holdout!) return [form, HOLDOUT];
  if (!variants) return [form];
  // Published weights add up to 1.
  let u = experiment ? hash(seed + form.id + ':v') : 0;
  const chosen = variants.find((v) => (u -= v.weight) < 0) ?? variants[variants.length - 1]!;
  const { id, weight, ...overrides } = chosen;
  return [{ ...form, ...overrides }, id];
}
