/**
 * The always-valid test for two proportions: the mixture sequential probability ratio test (mSPRT)
 * of Johari, Pekelis & Walsh, "Always Valid Inference" (2017, https://arxiv.org/abs/1512.04922),
 * on the normal approximation of the difference in rates. With a N(0, τ²) mixture over the true
 * difference θ, the likelihood ratio after any number of looks is
 *
 *   Λ = √(V / (V + τ²)) · exp( θ̂² τ² / (2 V (V + τ²)) ),   V = p̂A(1 − p̂A)/nA + p̂B(1 − p̂B)/nB
 *
 * and P(Λ ever ≥ 1/α | θ = 0) ≤ α however often someone looks, so 1/Λ is an always-valid p-value
 * and the set of θ the test would not reject is a confidence sequence (an interval valid at every look).
 */

export interface Arm {
  /** Visitors assigned (the per-person denominator). */
  assigned: number;
  signups: number;
}

export interface SequentialOptions {
  alpha?: number;
  /**
   * Prior scale of the difference as a share of the pooled rate: 0.25 tunes the test to relative
   * lifts around ±25 %, the size a form change plausibly makes. Any τ keeps the error guarantee;
   * it only moves where the test has most power.
   */
  relativeTau?: number;
}

export interface Comparison {
  /** B − A in rate points. */
  difference: number;
  /** (B − A) ÷ A; 0 when A has no sign-up. */
  lift: number;
  /** Always-valid 1 − α interval of the difference (a confidence sequence). */
  low: number;
  high: number;
  /** min(1, 1/Λ): the always-valid p-value at this look. */
  pValue: number;
  /** pValue ≤ α. */
  significant: boolean;
}

const rateOf = (arm: Arm) => (arm.assigned > 0 ? arm.signups / arm.assigned : 0);

function variance(a: Arm, b: Arm): number {
  const pa = rateOf(a);
  const pb = rateOf(b);
  // A zero or unit rate has no sampling variance on its own: fall back to the pooled rate's.
  const pooled = (a.signups + b.signups) / Math.max(1, a.assigned + b.assigned);
  const va = (pa > 0 && pa < 1 ? pa * (1 - pa) : pooled * (1 - pooled)) / Math.max(1, a.assigned);
  const vb = (pb > 0 && pb < 1 ? pb * (1 - pb) : pooled * (1 - pooled)) / Math.max(1, b.assigned);
  return va + vb;
}

export function tauSquared(a: Arm, b: Arm, relativeTau = 0.25): number {
  const pooled = (a.signups + b.signups) / Math.max(1, a.assigned + b.assigned);
  return Math.max(1e-10, (relativeTau * pooled) ** 2);
}

/** Half-width of the confidence sequence for a given variance and prior: where Λ = 1/α. */
export function sequenceRadius(v: number, tau2: number, alpha: number): number {
  return Math.sqrt(((v * (v + tau2)) / tau2) * (2 * Math.log(1 / alpha) + Math.log((v + tau2) / v)));
}

/** Compares treatment B against control A at one look (cumulative counts). */
export function compareArms(a: Arm, b: Arm, options: SequentialOptions = {}): Comparison {
  const alpha = options.alpha ?? 0.05;
  const pa = rateOf(a);
  const pb = rateOf(b);
  const difference = pb - pa;
  const lift = pa > 0 ? difference / pa : 0;
  const v = variance(a, b);
  if (!(v > 0) || a.assigned === 0 || b.assigned === 0) return { difference, lift, low: -1, high: 1, pValue: 1, significant: false };
  const tau2 = tauSquared(a, b, options.relativeTau);
  const logLambda = 0.5 * Math.log(v / (v + tau2)) + (difference * difference * tau2) / (2 * v * (v + tau2));
  const pValue = Math.min(1, Math.exp(-logLambda));
  const radius = sequenceRadius(v, tau2, alpha);
  return { difference, lift, low: difference - radius, high: difference + radius, pValue, significant: pValue <= alpha };
}
