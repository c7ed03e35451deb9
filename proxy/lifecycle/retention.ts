/**
 * How long Inlet keeps each kind of data: the one table every store registers its kinds against,
 * including stores still to come, so docs/data.md and the settings have a single source.
 * Each runtime's scheduler (a timer on Node, a Cron Trigger on Workers) calls `runRetention`.
 */

export const DAY_MS = 24 * 3600_000;

export interface RetentionKind {
  /** What it is, for the docs table and the log. */
  what: string;
  /** Default period in days. */
  days: number;
  /** The setting that changes it (to be read by the settings reader; see docs/data.md). */
  setting: string;
  /** Where it lives today; "planned" for stores not built yet. */
  stores: string;
}

export const RETENTION = {
  delivered_ids: {
    what: 'Ids of delivered or dead submissions (payload already cleared), so a resent id is still recognised',
    days: 30,
    setting: 'INLET_RETAIN_DELIVERED_DAYS',
    stores: 'Node outbox (`outbox` rows settled); Workers `DELTAS` KV (`delivered:` keys, 7-day TTL)',
  },
  deltas: {
    what: 'Keyed hashes of attribute values already sent to Braze',
    days: 30,
    setting: 'INLET_RETAIN_DELTAS_DAYS',
    stores: 'Node `deltas`; Workers `DELTAS` KV (expiry on each key)',
  },
  dead_letters: {
    what: 'Objects Braze refused for good, with the person\'s data, kept for replay',
    days: 30,
    setting: 'INLET_RETAIN_DEAD_LETTERS_DAYS',
    stores: 'Node `dead_letters`; Workers `DEAD_LETTERS` KV',
  },
  erasure_log: {
    what: 'When a person was erased and how many rows went, without the identifier',
    days: 3 * 365,
    setting: 'INLET_RETAIN_ERASURE_LOG_DAYS',
    stores: 'Node `erasure_log`; Workers D1 `erasure_log`',
  },
  analytics_events: {
    what: 'Raw widget analytics events (views, closes, submits), visit pings and manifest-fetch marks; the exact counts stay',
    days: 90,
    setting: 'INLET_RETAIN_ANALYTICS_EVENTS_DAYS',
    stores: 'Node analytics file (`INLET_ANALYTICS`); Workers D1 `ANALYTICS_DB`',
  },
  sessions: {
    what: 'Studio login sessions once ended (expired or revoked), and sign-in throttling counters',
    days: 30,
    setting: 'INLET_RETAIN_SESSIONS_DAYS',
    stores: 'Node studio file `studio_sessions`, `studio_logins`; Workers D1 the same tables',
  },
  activity_log: {
    what: 'Studio activity log (who published or changed what)',
    days: 365,
    setting: 'INLET_RETAIN_ACTIVITY_LOG_DAYS',
    stores: 'Node studio file `studio_activity`; Workers D1 `studio_activity`',
  },
  tags: {
    what: 'Braze tags and code claims remembered per person',
    days: 365,
    setting: 'INLET_RETAIN_TAGS_DAYS',
    stores: 'Node `offer_codes` (holder cleared, the code stays used) and `offer_draws`; Workers D1 the same tables; planned: Braze tags',
  },
} as const satisfies Record<string, RetentionKind>;

export type RetentionKindName = keyof typeof RETENTION;

/** Periods in days per kind; what is not given keeps its default. */
export type RetentionPolicy = Record<RetentionKindName, number>;

export function retentionPolicy(overrides: Partial<Record<RetentionKindName, number>> = {}): RetentionPolicy {
  const policy = Object.fromEntries(Object.entries(RETENTION).map(([kind, k]) => [kind, k.days])) as RetentionPolicy;
  for (const [kind, days] of Object.entries(overrides) as [RetentionKindName, number | undefined][]) {
    if (days === undefined) continue;
    if (!(kind in RETENTION)) throw new Error(`Unknown retention kind "${kind}"; known: ${Object.keys(RETENTION).join(', ')}.`);
    if (!Number.isFinite(days) || days <= 0) throw new Error(`Retention of ${kind} (${RETENTION[kind].setting}) must be a number of days > 0, got ${days}.`);
    policy[kind] = days;
  }
  return policy;
}

/** One store's purge of one kind: removes what is older than `cutoff` (ms) and says how many rows went. */
export interface RetentionPurger {
  kind: RetentionKindName;
  store: string;
  purge(cutoff: number, now: number): Promise<number>;
}

export interface RetentionReport {
  at: number;
  /** Rows removed per `store/kind`. */
  removed: Record<string, number>;
}

export async function runRetention(purgers: readonly RetentionPurger[], policy: RetentionPolicy, now: number): Promise<RetentionReport> {
  const removed: Record<string, number> = {};
  for (const purger of purgers) {
    const key = `${purger.store}/${purger.kind}`;
    removed[key] = (removed[key] ?? 0) + (await purger.purge(now - policy[purger.kind] * DAY_MS, now));
  }
  return { at: now, removed };
}
