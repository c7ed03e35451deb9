/**
 * Seeded traffic for the statistics tests: counts drawn from binomials (exact, by geometric skips),
 * so thousands of simulated experiments take milliseconds rather than a loop per visitor.
 */

/** mulberry32: a small, well-mixed 32-bit generator; the same seed gives the same run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An exact Binomial(n, p) draw: count the successes by jumping geometric gaps between them (cost ∝ n·p). */
export function binomial(rand: () => number, n: number, p: number): number {
  if (p <= 0 || n <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rand, n, 1 - p);
  const log1p = Math.log1p(-p);
  let successes = 0;
  let position = 0;
  for (;;) {
    position += Math.floor(Math.log(1 - rand()) / log1p) + 1;
    if (position > n) return successes;
    successes++;
  }
}
