/**
 * How many more days the experiment needs at the current traffic to detect a chosen relative lift
 * with the always-valid test (80 % power unless told): the sample where the expected difference
 * clears the confidence-sequence radius by z_power standard errors, and at least the verdict guards.
 */
import { normalQuantile } from './normal.ts';
import { sequenceRadius } from './sequential.ts';
import { VERDICT_DEFAULTS } from './verdict.ts';

export interface DaysNeededInput {
  /** The control's sign-ups per assigned visitor. */
  baselineRate: number;
  /** Relative lift to detect: 0.2 is +20 %. */
  lift: number;
  /** Visitors assigned per arm per day, recently. */
  assignedPerArmPerDay: number;
  /** Already assigned per arm (the smallest arm). */
  assignedPerArm?: number;
  daysElapsed?: number;
  arms?: number;
  power?: number;
  alpha?: number;
  relativeTau?: number;
}

export interface DaysNeeded {
  /** Visitors per arm the test needs in all. */
  perArm: number;
  /** Further days at the current traffic; `Infinity` without traffic. */
  days: number;
}

export function daysNeeded(input: DaysNeededInput): DaysNeeded {
  const p = input.baselineRate;
  const q = p * (1 + input.lift);
  if (!(p > 0 && p < 1 && q > 0 && q < 1) || input.lift === 0) return { perArm: Infinity, days: Infinity };
  const alpha = (input.alpha ?? VERDICT_DEFAULTS.alpha) / Math.max(1, (input.arms ?? 2) - 1);
  const zPower = normalQuantile(input.power ?? 0.8);
  const delta = Math.abs(q - p);
  const pooled = (p + q) / 2;
  const tau2 = ((input.relativeTau ?? 0.25) * pooled) ** 2;
  const enough = (n: number) => {
    const v = (p * (1 - p) + q * (1 - q)) / n;
    return delta >= sequenceRadius(v, tau2, alpha) + zPower * Math.sqrt(v);
  };
  let hi = 100;
  while (!enough(hi) && hi < 1e12) hi *= 2;
  let lo = hi / 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (enough(mid)) hi = mid;
    else lo = mid;
  }
  const perArm = Math.max(hi, Math.ceil(VERDICT_DEFAULTS.minSignupsPerArm / Math.min(p, q)));
  const remaining = Math.max(0, perArm - (input.assignedPerArm ?? 0));
  const rate = input.assignedPerArmPerDay;
  const byTraffic = remaining === 0 ? 0 : rate > 0 ? Math.ceil(remaining / rate) : Infinity;
  const byCalendar = Math.max(0, VERDICT_DEFAULTS.minDays - (input.daysElapsed ?? 0));
  return { perArm, days: Math.max(byTraffic, byCalendar) };
}
