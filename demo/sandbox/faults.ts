/** Seeded fault injection: the same seed and settings give the same sequence of outcomes. */
import { z } from 'zod';

export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];
/** `hang`: the connection never answers (client timeout); `reset`: the TCP connection is destroyed. */
export type FaultOutcome = FaultStatus | 'hang' | 'reset' | 'ok';

export const faultsSchema = z.strictObject({
  /** Probability per status, 0..1, drawn once per request. */
  rates: z.partialRecord(z.enum(['429', '500', '502', '503', '504']), z.number().min(0).max(1)).default({}),
  hangRate: z.number().min(0).max(1).default(0),
  resetRate: z.number().min(0).max(1).default(0),
  /** Added before every API answer. */
  latencyMs: z.number().int().min(0).default(0),
  /** Extra latency drawn uniformly in 0..latencyJitterMs from the seeded generator. */
  latencyJitterMs: z.number().int().min(0).default(0),
  /** Outcomes forced on the next requests, in order, before any rate applies. */
  next: z.array(z.union([z.literal(FAULT_STATUSES), z.enum(['hang', 'reset', 'ok'])])).default([]),
  /** Path prefixes the faults apply to; empty means every API path. */
  paths: z.array(z.string()).default([]),
  /** Reseeds the generator when given. */
  seed: z.number().int().optional(),
});
export type Faults = z.infer<typeof faultsSchema>;
/** What callers pass: every field optional. */
export type FaultSettings = z.input<typeof faultsSchema>;

/** mulberry32: tiny, fast, and enough for reproducible fault sequences. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultPlan {
  outcome: FaultOutcome;
  delayMs: number;
}

export interface FaultInjector {
  set(faults: FaultSettings): Faults;
  get(): Faults;
  /** Draws the outcome for one request to `path`. */
  draw(path: string): FaultPlan;
  reseed(seed: number): void;
}

export function createFaultInjector(initial: FaultSettings, seed: number): FaultInjector {
  let faults = faultsSchema.parse(initial);
  let currentSeed = faults.seed ?? seed;
  let random = createRandom(currentSeed);
  return {
    set(next) {
      faults = faultsSchema.parse(next);
      if (faults.seed !== undefined) currentSeed = faults.seed;
      random = createRandom(currentSeed);
      return faults;
    },
    get: () => faults,
    reseed(value) {
      currentSeed = faults.seed ?? value;
      random = createRandom(currentSeed);
    },
    draw(path) {
      if (faults.paths.length > 0 && !faults.paths.some((p) => path.startsWith(p))) return { outcome: 'ok', delayMs: 0 };
      // Two draws per request whatever the settings, so changing one rate never shifts later requests.
      const roll = random();
      const jitter = random();
      const delayMs = faults.latencyMs + Math.floor(jitter * faults.latencyJitterMs);
      const forced = faults.next.shift();
      if (forced !== undefined) return { outcome: forced, delayMs };
      let edge = 0;
      const table: [FaultOutcome, number][] = [
        ['hang', faults.hangRate],
        ['reset', faults.resetRate],
        ...FAULT_STATUSES.map((s): [FaultOutcome, number] => [s, faults.rates[String(s) as `${FaultStatus}`] ?? 0]),
      ];
      for (const [outcome, rate] of table) {
        edge += rate;
        if (roll < edge) return { outcome, delayMs };
      }
      return { outcome: 'ok', delayMs };
    },
  };
}
