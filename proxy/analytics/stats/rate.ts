import { normalQuantile } from './normal.ts';

export interface Rate {
  successes: number;
  trials: number;
  /** successes ÷ trials; 0 when there are no trials. */
  rate: number;
  /** Wilson score interval: honest near 0 % and with few trials, unlike the plain ±1.96·SE. */
  low: number;
  high: number;
}

/** A proportion with its Wilson interval (95 % unless told). */
export function rateWithInterval(successes: number, trials: number, confidence = 0.95): Rate {
  if (trials <= 0) return { successes, trials: 0, rate: 0, low: 0, high: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = Math.min(1, successes / trials);
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { successes, trials, rate: p, low: p === 0 ? 0 : Math.max(0, centre - half), high: p === 1 ? 1 : Math.min(1, centre + half) };
}
