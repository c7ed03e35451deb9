/**
 * The wheel's draw: a segment chosen with probability weight / sum of weights. `u` is uniform in
 * [0, 1): from crypto on the proxy, from a seeded generator in tests (test/offers/draw.test.ts).
 */
export function drawSegment(weights: readonly number[], u: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let target = u * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0) return i;
  }
  return weights.length - 1;
}

/** A uniform number in [0, 1) with 53 random bits from the platform's CSPRNG. */
export function cryptoRandom(): number {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2)) as unknown as [number, number];
  return (hi * 2 ** 21 + (lo >>> 11)) / 2 ** 53;
}

/** Mulberry32: a small seeded generator, so a test's 10,000 draws are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
