/** Delivery counters since start-up, plus queue state read from the store, for `/v1/admin/stats`. */
import type { DeliveryHealth } from './types.ts';

export const COUNTERS = [
  'accepted',
  'duplicates',
  'delivered',
  'retried',
  'deadLettered',
  /** Sign-ups none of whose objects Braze took (given up on, or every object refused): never counted in `delivered`. */
  'dead',
  'deadLetteredObjects',
  'brazeCalls',
  'objectsSent',
  'dataPointsSent',
  'dataPointsSaved',
  /** `/canvas/trigger/send` and `/campaigns/trigger/send` calls, and recipients they accepted. */
  'triggerCalls',
  'triggersSent',
] as const;
export type Counter = (typeof COUNTERS)[number];

export interface StatsSnapshot extends Record<Counter, number> {
  since: string;
  objectsPerCall: number;
  queue: { depth: number; oldestPendingAgeMs: number | null };
  /** Dead letters waiting for a decision (list, replay or drop). */
  deadLetters: number;
  health: DeliveryHealth;
}

export interface Stats {
  add(counter: Counter, n?: number): void;
  get(counter: Counter): number;
  snapshot(extra: Pick<StatsSnapshot, 'queue' | 'deadLetters' | 'health'>): StatsSnapshot;
}

export function createStats(now: () => number = Date.now): Stats {
  const since = now();
  const counts = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>;
  return {
    add(counter, n = 1) {
      counts[counter] += n;
    },
    get: (counter) => counts[counter],
    snapshot(extra) {
      const objectsPerCall = counts.brazeCalls === 0 ? 0 : Math.round((counts.objectsSent / counts.brazeCalls) * 10) / 10;
      return { since: new Date(since).toISOString(), ...counts, objectsPerCall, ...extra };
    },
  };
}
