/**
 * Analytics storage: an append-only events table, one assignment row per visitor and form version
 * (first write wins, so arms and distinct counts are exact), one sign-up row per visitor and form
 * version, and two rollups kept exact by updating them in the same transaction as the events: hourly
 * counts (no device or page, so an hour holds a few dozen rows), and daily counts by device and page
 * path, which answer the breakdowns and those two filters.
 * Written once against the D1-like `SqlDatabase`; a columnar engine would implement `AnalyticsStore`.
 */
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';
import { HOLDOUT, type AnalyticsFilter, type EventRow, type SignupInput } from './types.ts';

export interface CountRow {
  variant: string;
  name: string;
  step: number;
  detail: string;
  count: number;
}

export interface AggregateQuery {
  /** Event counts by variant, name, step and detail (from the rollups, or the raw events). */
  counts(filter: AnalyticsFilter, source?: 'rollups' | 'raw'): Promise<CountRow[]>;
  /** Counts per UTC day for the time series. */
  daily(filter: AnalyticsFilter): Promise<{ day: number; name: string; count: number }[]>;
  /** Counts by device class and by page path. */
  breakdown(filter: AnalyticsFilter, by: 'device' | 'path'): Promise<{ key: string; name: string; count: number }[]>;
  /**
   * Distinct visitors assigned per variant and day of assignment. `corroborated` keeps only the
   * assignments the proxy can vouch for (CORROBORATED below): what the experiment's verdict uses.
   */
  assignedDaily(filter: AnalyticsFilter, corroborated?: boolean): Promise<{ variant: string; day: number; count: number; consented: number }[]>;
  /**
   * Sign-ups per variant and day (proxy-counted, once per visitor and form version); `corroborated`
   * keeps only those whose visitor has a consented assignment, counted in that assignment's arm.
   */
  signupsDaily(filter: AnalyticsFilter, corroborated?: boolean): Promise<{ variant: string; day: number; count: number; newIdentifiers: number }[]>;
  /** Per exposed/holdout group: assigned visitors, those who started another visit within the window, and the pages of their visits. */
  influenced(filter: AnalyticsFilter, windowMs: number): Promise<{ group: 'exposed' | 'holdout'; visitors: number; returned: number; visits: number; pages: number }[]>;
  dropped(filter: Pick<AnalyticsFilter, 'from' | 'to'>): Promise<Record<string, number>>;
}

export interface AnalyticsStore extends AggregateQuery {
  /** Appends beacon events (and their assignment/visit rows, and rollups) in one transaction. */
  append(rows: readonly EventRow[]): Promise<void>;
  /**
   * Records an accepted step: always a `step_submit`; also the `signup` when it is the visitor's first
   * for this form version. Returns whether it was a sign-up.
   */
  accepted(input: SignupInput): Promise<boolean>;
  countDropped(reasons: Record<string, number>, ts: number): Promise<void>;
  /** A browser (its key for the day) fetched the site's manifest: corroborates its assignments soon after. */
  fetched(site: string, key: string, ts: number): Promise<void>;
  /** Erasure: removes these identifier hashes (per site); returns how many rows went. */
  forgetIdentifiers(hashes: readonly { site: string; hash: string }[]): Promise<number>;
  /** The sites the store holds rows for (erasure looks in each). */
  sites(): Promise<string[]>;
  /** A named random key (identifier hashing, daily salts), created on first use. */
  key(name: string, ts: number): Promise<string>;
  /** Deletes keys whose name starts with `prefix` created before `before` (old daily salts). */
  dropKeys(prefix: string, before: number): Promise<void>;
  /** Retention: raw events, visits and manifest fetches older than `before`; rollups, assignment and sign-up rows are kept (the exact counts). Returns rows removed. */
  prune(before: number): Promise<number>;
}

const HOUR = 3600e3;
const DAY = 864e5;

/**
 * An assignment counts in an experiment when the proxy can vouch for it, so that a flood of forged
 * beacons cannot crown a variant: its visitor signed up through the proxy in that arm, or the same
 * browser (its daily key) fetched the site's manifest in the half hour before, and that key has not
 * already vouched for FETCH_VOUCHES visitors of this form version (one browser, a few people at most).
 */
export const CORROBORATION = { windowMs: 30 * 60e3, bucketMs: 10 * 60e3, vouchesPerKey: 5 } as const;

/** Schema: proxy/analytics/migrations.ts (applied by each runtime's runner before the store is built). */
export async function createSqlAnalyticsStore(db: SqlDatabase): Promise<AnalyticsStore> {

  type Counted = Pick<EventRow, 'site' | 'form' | 'version' | 'variant' | 'ts' | 'name' | 'step' | 'detail' | 'device' | 'path'>;
  const hourly = (r: Counted): SqlStatement =>
    db
      .prepare(
        `INSERT INTO analytics_hourly (site, form, version, variant, hour, name, step, detail, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
         ON CONFLICT (site, form, version, variant, hour, name, step, detail) DO UPDATE SET count = count + 1`,
      )
      .bind(r.site, r.form, r.version, r.variant, Math.floor(r.ts / HOUR) * HOUR, r.name, r.step, r.detail);
  const byPage = (r: Counted): SqlStatement =>
    db
      .prepare(
        `INSERT INTO analytics_daily_by_page (site, form, version, variant, day, name, step, detail, device, path, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
         ON CONFLICT (site, form, version, variant, day, name, step, detail, device, path) DO UPDATE SET count = count + 1`,
      )
      .bind(r.site, r.form, r.version, r.variant, Math.floor(r.ts / DAY) * DAY, r.name, r.step, r.detail, r.device, r.path);
  const rollup = (r: Counted): SqlStatement[] => [hourly(r), byPage(r)];

  const event = (r: EventRow): SqlStatement =>
    db
      .prepare('INSERT INTO analytics_events (ts, site, form, version, variant, step, name, detail, visitor, device, path, consented) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .bind(r.ts, r.site, r.form, r.version, r.variant, r.step, r.name, r.detail, r.visitor, r.device, r.path, r.consented);

  async function append(rows: readonly EventRow[]): Promise<void> {
    const statements: SqlStatement[] = [];
    for (const r of rows) {
      statements.push(event(r));
      if (r.name === 'visit') {
        statements.push(db.prepare('INSERT OR IGNORE INTO analytics_visits (site, visitor, ts, pages, started) VALUES (?, ?, ?, ?, ?)').bind(r.site, r.visitor, r.ts, r.pages ?? 0, r.started ?? r.ts));
        continue;
      }
      if (r.name === 'assigned') {
        // The first assignment stands: a replayed or forged beacon cannot move a visitor between arms.
        statements.push(
          db
            .prepare('INSERT OR IGNORE INTO analytics_assignments (site, form, version, visitor, variant, ts, device, path, consented, fetch_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .bind(r.site, r.form, r.version, r.visitor, r.variant, r.ts, r.device, r.path, r.consented, r.fetchKey ?? ''),
        );
        // Assigned visitors are counted from their rows (distinct, exact), never summed from hours.
        continue;
      }
      statements.push(...rollup(r));
    }
    if (statements.length) await db.batch(statements);
  }

  async function accepted(input: SignupInput): Promise<boolean> {
    const base = { ...input, detail: '', consented: 1 as const };
    const first = await db
      .prepare('INSERT OR IGNORE INTO analytics_signups (site, form, version, visitor, variant, ts, device, path, new_identifier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING visitor')
      .bind(input.site, input.form, input.version, input.visitor, input.variant, input.ts, input.device, input.path)
      .first();
    const statements: SqlStatement[] = [event({ ...base, name: 'step_submit' }), ...rollup({ ...base, name: 'step_submit' })];
    // Every identifier Inlet accepts is remembered (as its keyed hash), whether or not this step is a sign-up.
    const known = await db.prepare('INSERT OR IGNORE INTO analytics_identifiers (site, hash, ts) VALUES (?, ?, ?) RETURNING hash').bind(input.site, input.identifierHash, input.ts).first();
    if (first) {
      statements.push(event({ ...base, name: 'signup' }), ...rollup({ ...base, name: 'signup' }));
      if (known) statements.push(db.prepare('UPDATE analytics_signups SET new_identifier = 1 WHERE site = ? AND form = ? AND version = ? AND visitor = ?').bind(input.site, input.form, input.version, input.visitor));
    }
    for (const group of input.subscriptions) statements.push(event({ ...base, name: 'subscription', detail: group }), ...rollup({ ...base, name: 'subscription', detail: group }));
    await db.batch(statements);
    return Boolean(first);
  }

  async function countDropped(reasons: Record<string, number>, ts: number): Promise<void> {
    const hour = Math.floor(ts / HOUR) * HOUR;
    const statements = Object.entries(reasons)
      .filter(([, n]) => n > 0)
      .map(([reason, n]) => db.prepare('INSERT INTO analytics_dropped (hour, reason, count) VALUES (?, ?, ?) ON CONFLICT (hour, reason) DO UPDATE SET count = count + excluded.count').bind(hour, reason, n));
    if (statements.length) await db.batch(statements);
  }

  async function key(name: string, ts: number): Promise<string> {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const value = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    await db.prepare('INSERT OR IGNORE INTO analytics_keys (name, value, created) VALUES (?, ?, ?)').bind(name, value, ts).run();
    const row = await db.prepare('SELECT value FROM analytics_keys WHERE name = ?').bind(name).first<{ value: string }>();
    return row!.value;
  }

  /** WHERE clause for a filter over a table with the usual columns; `time` names its timestamp column. */
  function where(f: AnalyticsFilter, time: string, options: { step?: boolean; variant?: boolean; dimensions?: boolean } = {}): [string, SqlValue[]] {
    const parts = ['site = ?'];
    const values: SqlValue[] = [f.site];
    const add = (sql: string, value: SqlValue | undefined) => {
      if (value === undefined) return;
      parts.push(sql);
      values.push(value);
    };
    add('form = ?', f.form);
    add('version = ?', f.version);
    if (options.variant !== false) add('variant = ?', f.variant);
    if (options.step) add('step = ?', f.step);
    add(`${time} >= ?`, f.from);
    add(`${time} < ?`, f.to);
    if (options.dimensions !== false) {
      add('device = ?', f.device);
      add('path = ?', f.path);
    }
    return [parts.join(' AND '), values];
  }

  /** The rollup a filter can use: hourly, unless it filters by device or page (then daily, whole UTC days). */
  const rollupFor = (f: AnalyticsFilter): [table: string, time: string, dimensions: boolean] =>
    f.device !== undefined || f.path !== undefined ? ['analytics_daily_by_page', 'day', true] : ['analytics_hourly', 'hour', false];
  /** A daily table is matched from the start of `from`'s day. */
  const dayAligned = (f: AnalyticsFilter, time: string): AnalyticsFilter => (time === 'day' && f.from !== undefined ? { ...f, from: Math.floor(f.from / DAY) * DAY } : f);

  const all = async <T>(sql: string, values: SqlValue[]) => (await db.prepare(sql).bind(...values).all<T>()).results;

  const query: AggregateQuery = {
    async counts(f, source = 'rollups') {
      // The step filter narrows step-level counts only; views and sign-ups of the whole form stay.
      const [table, time, dimensions] = rollupFor(f);
      const [w, v] = source === 'rollups' ? where(dayAligned(f, time), time, { dimensions }) : where(f, 'ts');
      const stepClause = f.step === undefined ? '' : ` AND (name NOT IN ('step_view', 'step_submit') OR step = ${Number(f.step) | 0})`;
      const sql =
        source === 'rollups'
          ? `SELECT variant, name, step, detail, SUM(count) AS count FROM ${table} WHERE ${w}${stepClause} GROUP BY variant, name, step, detail`
          : `SELECT variant, name, step, detail, COUNT(*) AS count FROM analytics_events WHERE ${w}${stepClause} AND name NOT IN ('visit') GROUP BY variant, name, step, detail`;
      return (await all<CountRow>(sql, v)).map((r) => ({ ...r, step: Number(r.step), count: Number(r.count) }));
    },
    async daily(f) {
      const [table, time, dimensions] = rollupFor(f);
      const [w, v] = where(dayAligned(f, time), time, { dimensions });
      return (await all<{ day: number; name: string; count: number }>(`SELECT (${time} / ${DAY}) * ${DAY} AS d, name, SUM(count) AS count FROM ${table} WHERE ${w} GROUP BY d, name ORDER BY d`, v).then((rows) => rows.map((r: any) => ({ day: r.d, name: r.name, count: r.count })))).map((r) => ({ day: Number(r.day), name: r.name, count: Number(r.count) }));
    },
    async breakdown(f, by) {
      const [w, v] = where(dayAligned(f, 'day'), 'day');
      return (await all<{ key: string; name: string; count: number }>(`SELECT ${by} AS key, name, SUM(count) AS count FROM analytics_daily_by_page WHERE ${w} AND name IN ('view', 'signup') GROUP BY key, name ORDER BY count DESC LIMIT 600`, v)).map((r) => ({ ...r, count: Number(r.count) }));
    },
    async assignedDaily(f, corroborated = false) {
      const [w, v] = where(f, 'ts');
      const { windowMs, bucketMs, vouchesPerKey } = CORROBORATION;
      const rows = corroborated
        ? `SELECT variant, ts, consented FROM (
             SELECT a.variant, a.ts, a.consented,
               EXISTS (SELECT 1 FROM analytics_signups s WHERE s.site = a.site AND s.form = a.form AND s.version = a.version AND s.visitor = a.visitor AND s.variant = a.variant) AS signed,
               EXISTS (SELECT 1 FROM analytics_fetches m WHERE m.site = a.site AND m.key = a.fetch_key AND m.bucket > a.ts - ${windowMs + bucketMs} AND m.bucket <= a.ts) AS fetched,
               ROW_NUMBER() OVER (PARTITION BY a.site, a.form, a.version, a.fetch_key ORDER BY a.ts) AS nth
             FROM analytics_assignments a WHERE ${w.replace(/\b(site|form|version|variant|device|path|ts) (=|>=|<) \?/g, 'a.$1 $2 ?')}
           ) WHERE signed OR (fetched AND nth <= ${vouchesPerKey})`
        : `SELECT variant, ts, consented FROM analytics_assignments WHERE ${w}`;
      return (await all<{ variant: string; day: number; count: number; consented: number }>(`SELECT variant, (ts / ${DAY}) * ${DAY} AS day, COUNT(*) AS count, SUM(consented) AS consented FROM (${rows}) GROUP BY variant, day ORDER BY day`, v)).map((r) => ({ variant: r.variant, day: Number(r.day), count: Number(r.count), consented: Number(r.consented) }));
    },
    async signupsDaily(f, corroborated = false) {
      const [w, v] = where(f, 's.ts');
      const qualified = w.replace(/\b(site|form|version|variant|device|path) = \?/g, (m, c) => `${corroborated && c === 'variant' ? 'a' : 's'}.${c} = ?`);
      // For the experiment, a sign-up counts in the arm of its visitor's consented assignment, and only then.
      const sql = corroborated
        ? `SELECT a.variant AS variant, (s.ts / ${DAY}) * ${DAY} AS day, COUNT(*) AS count, SUM(s.new_identifier) AS newIdentifiers FROM analytics_signups s JOIN analytics_assignments a ON a.site = s.site AND a.form = s.form AND a.version = s.version AND a.visitor = s.visitor AND a.consented = 1 WHERE ${qualified} GROUP BY a.variant, day ORDER BY day`
        : `SELECT s.variant AS variant, (s.ts / ${DAY}) * ${DAY} AS day, COUNT(*) AS count, SUM(s.new_identifier) AS newIdentifiers FROM analytics_signups s WHERE ${qualified} GROUP BY s.variant, day ORDER BY day`;
      return (await all<{ variant: string; day: number; count: number; newIdentifiers: number }>(sql, v)).map((r) => ({ variant: r.variant, day: Number(r.day), count: Number(r.count), newIdentifiers: Number(r.newIdentifiers) }));
    },
    async influenced(f, windowMs) {
      const [w, v] = where(f, 'a.ts', { variant: false });
      const qualified = w.replace(/\b(site|form|version|device|path) = \?/g, 'a.$1 = ?');
      // Each visitor once (their earliest assignment in the filter), then their visits after it and within the window.
      const sql = `
        WITH first AS (
          SELECT a.site, a.visitor, MIN(a.ts) AS ts, MAX(CASE WHEN a.variant = '${HOLDOUT}' THEN 1 ELSE 0 END) AS held
          FROM analytics_assignments a WHERE ${qualified} AND a.consented = 1 GROUP BY a.site, a.visitor
        ), later AS (
          SELECT first.visitor, first.held, COUNT(v.visitor) AS visits, COALESCE(SUM(v.pages), 0) AS pages
          FROM first LEFT JOIN analytics_visits v ON v.site = first.site AND v.visitor = first.visitor AND v.ts > first.ts AND v.ts <= first.ts + ?
          GROUP BY first.visitor, first.held
        )
        SELECT held, COUNT(*) AS visitors, SUM(CASE WHEN visits > 0 THEN 1 ELSE 0 END) AS returned, SUM(visits) AS visits, SUM(pages) AS pages FROM later GROUP BY held`;
      const rows = await all<{ held: number; visitors: number; returned: number; visits: number; pages: number }>(sql, [...v, windowMs]);
      return rows.map((r) => ({ group: Number(r.held) ? 'holdout' : 'exposed', visitors: Number(r.visitors), returned: Number(r.returned), visits: Number(r.visits), pages: Number(r.pages) }));
    },
    async dropped(f) {
      const rows = await all<{ reason: string; count: number }>('SELECT reason, SUM(count) AS count FROM analytics_dropped WHERE hour >= ? AND hour < ? GROUP BY reason', [f.from ?? 0, f.to ?? 8.64e15]);
      return Object.fromEntries(rows.map((r) => [r.reason, Number(r.count)]));
    },
  };

  return {
    ...query,
    append,
    accepted,
    countDropped,
    key,
    async fetched(site, key, ts) {
      const bucket = Math.floor(ts / CORROBORATION.bucketMs) * CORROBORATION.bucketMs;
      await db.prepare('INSERT OR IGNORE INTO analytics_fetches (site, key, bucket) VALUES (?, ?, ?)').bind(site, key, bucket).run();
    },
    async forgetIdentifiers(hashes) {
      let removed = 0;
      for (const { site, hash } of hashes) {
        const row = await db.prepare('DELETE FROM analytics_identifiers WHERE site = ? AND hash = ? RETURNING hash').bind(site, hash).first();
        if (row) removed += 1;
      }
      return removed;
    },
    async sites() {
      return (await all<{ site: string }>('SELECT DISTINCT site FROM analytics_identifiers', [])).map((r) => r.site);
    },
    async dropKeys(prefix, before) {
      await db.prepare('DELETE FROM analytics_keys WHERE name LIKE ? AND created < ?').bind(prefix + '%', before).run();
    },
    async prune(before) {
      let removed = 0;
      for (const sql of ['DELETE FROM analytics_events WHERE ts < ?', 'DELETE FROM analytics_visits WHERE ts < ?', 'DELETE FROM analytics_fetches WHERE bucket < ?']) {
        removed += (await all<{ n: number }>(`${sql} RETURNING 1 AS n`, [before])).length;
      }
      return removed;
    },
  };
}
