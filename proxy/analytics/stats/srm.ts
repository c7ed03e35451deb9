import { chiSquareSurvival } from './normal.ts';

export interface SampleRatioCheck {
  chiSquare: number;
  /** P(a split at least this uneven | the configured weights hold). */
  pValue: number;
  /** p < threshold: the assignment is broken (bots, a caching layer, a redirect) and no verdict may stand. */
  mismatch: boolean;
  expected: number[];
}

/** The sample-ratio mismatch check: Pearson's chi-square of assigned counts against the configured weights. */
export function sampleRatioCheck(observed: readonly number[], weights: readonly number[], threshold = 0.001): SampleRatioCheck {
  const total = observed.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / weightSum);
  if (total === 0 || observed.length < 2) return { chiSquare: 0, pValue: 1, mismatch: false, expected };
  let chiSquare = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]!;
    if (e > 0) chiSquare += (observed[i]! - e) ** 2 / e;
    else if (observed[i]! > 0) chiSquare = Infinity;
  }
  const pValue = chiSquareSurvival(chiSquare, observed.length - 1);
  return { chiSquare, pValue, mismatch: pValue < threshold, expected };
}
