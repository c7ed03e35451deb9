/**
 * The A/B verdict for one experiment (one form version): per arm the per-person rate with its
 * interval, each variant against the first (control) with the always-valid test, and the guards
 * that withhold a verdict until it can be trusted.
 */
import { rateWithInterval, type Rate } from './rate.ts';
import { compareArms, type Comparison, type SequentialOptions } from './sequential.ts';
import { sampleRatioCheck, type SampleRatioCheck } from './srm.ts';

export interface ArmInput {
  id: string;
  /** Configured share of the experiment (weights need not add up to 1). */
  weight: number;
  assigned: number;
  signups: number;
}

/** Cumulative counts of every arm at the end of one day since the experiment started (day 1 = first). */
export interface DailyLook {
  day: number;
  arms: ArmInput[];
}

export interface VerdictOptions extends SequentialOptions {
  minDays?: number;
  minSignupsPerArm?: number;
  srmThreshold?: number;
}

export type VerdictStatus = 'waiting' | 'no_difference_yet' | 'winner' | 'sample_ratio_mismatch';

export interface ArmResult extends ArmInput {
  rate: Rate;
  /** Against the control (absent for the control itself). */
  comparison?: Comparison;
}

export interface Verdict {
  status: VerdictStatus;
  /** The arm the test declared better than all others, when `status` is `winner`. */
  winner?: string;
  /** The day of the first look at which the verdict could be declared. */
  decidedOnDay?: number;
  /** Why no verdict yet, in words a marketer reads (“7 days have not passed”). */
  reasons: string[];
  arms: ArmResult[];
  sampleRatio: SampleRatioCheck;
  days: number;
}

export const VERDICT_DEFAULTS = { alpha: 0.05, minDays: 7, minSignupsPerArm: 100, srmThreshold: 0.001 } as const;

interface LookResult {
  arms: ArmResult[];
  sampleRatio: SampleRatioCheck;
  reasons: string[];
  winner?: string;
}

function evaluateLook(look: DailyLook, o: Required<Omit<VerdictOptions, 'relativeTau'>> & SequentialOptions): LookResult {
  const [control, ...treatments] = look.arms;
  // Each treatment is compared with the control: Bonferroni keeps the family-wise error at α.
  const alpha = o.alpha / Math.max(1, treatments.length);
  const arms: ArmResult[] = look.arms.map((arm, i) => ({
    ...arm,
    rate: rateWithInterval(arm.signups, arm.assigned),
    ...(i > 0 && control && { comparison: compareArms(control, arm, { alpha, relativeTau: o.relativeTau }) }),
  }));
  const sampleRatio = sampleRatioCheck(look.arms.map((a) => a.assigned), look.arms.map((a) => a.weight), o.srmThreshold);
  const reasons: string[] = [];
  if (look.arms.length < 2) reasons.push('There is only one variant: nothing to compare.');
  if (look.day < o.minDays) reasons.push(`${o.minDays} days have not passed (day ${look.day}).`);
  const short = look.arms.filter((a) => a.signups < o.minSignupsPerArm);
  if (short.length) reasons.push(`Every variant needs ${o.minSignupsPerArm} sign-ups (${short.map((a) => `${a.id}: ${a.signups}`).join(', ')}).`);
  if (sampleRatio.mismatch) reasons.push(`The split of assigned visitors departs from the configured weights (p = ${sampleRatio.pValue.toExponential(1)}): fix the assignment before trusting any result.`);
  let winner: string | undefined;
  if (!reasons.length && control) {
    const better = arms.slice(1).filter((a) => a.comparison!.significant && a.comparison!.difference > 0);
    const allWorse = arms.slice(1).every((a) => a.comparison!.significant && a.comparison!.difference < 0);
    if (better.length) winner = better.sort((x, y) => y.comparison!.difference - x.comparison!.difference)[0]!.id;
    else if (allWorse) winner = control.id;
  }
  return { arms, sampleRatio, reasons, ...(winner && { winner }) };
}

/**
 * Walks the daily looks in order and stops at the first one that declares a winner, as a marketer
 * who checks every day would: the sequential test is valid for exactly that.
 */
export function decide(looks: readonly DailyLook[], options: VerdictOptions = {}): Verdict {
  const o = { ...VERDICT_DEFAULTS, ...options };
  let last: LookResult | undefined;
  for (const look of looks) {
    last = evaluateLook(look, o);
    if (last.winner) return { status: 'winner', winner: last.winner, decidedOnDay: look.day, reasons: [], arms: last.arms, sampleRatio: last.sampleRatio, days: looks[looks.length - 1]!.day };
  }
  if (!last) return { status: 'waiting', reasons: ['No visitor has been assigned yet.'], arms: [], sampleRatio: sampleRatioCheck([], []), days: 0 };
  const status: VerdictStatus = last.sampleRatio.mismatch ? 'sample_ratio_mismatch' : last.reasons.length ? 'waiting' : 'no_difference_yet';
  return { status, reasons: last.reasons, arms: last.arms, sampleRatio: last.sampleRatio, days: looks[looks.length - 1]!.day };
}
