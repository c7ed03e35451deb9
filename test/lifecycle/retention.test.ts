/**
 * Retention on Node with an injected clock: after the scheduler runs, rows past their kind's period
 * are gone and younger ones stay; the periods come from the one table in proxy/lifecycle/retention.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeDelivery, openOutboxFile } from '../../proxy/adapters/node/delivery.ts';
import { DAY_MS, RETENTION, retentionPolicy } from '../../proxy/lifecycle/retention.ts';
import { API_KEY, ENDPOINT, prepared, sandboxFor, tempDir, until } from '../delivery/helpers.ts';

const T0 = Date.UTC(2026, 5, 1);

describe('retention, purged by the Node scheduler', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  async function seeded(options: { retention?: Record<string, number>; intervalMs?: number } = {}) {
    let clock = T0;
    const { fetch } = sandboxFor();
    const path = tmp.file(`r-${Math.random().toString(36).slice(2)}.sqlite`);
    const file = openOutboxFile(path);
    const { db } = file;
    // Rows of every kind the outbox file keeps, at known ages (days before T0).
    const ins = db.prepare(`INSERT INTO outbox (id, site, identity, payload, n_attributes, n_events, n_purchases, state, attempts, enqueued_at, due_at, settled_at) VALUES (?, 'shop', ?, ?, 1, 0, 0, ?, 0, ?, ?, ?)`);
    for (const [id, age] of [['delivered-40d', 40], ['delivered-10d', 10]] as const) ins.run(id, `k-${id}`, null, 'done', T0 - age * DAY_MS, T0 - age * DAY_MS, T0 - age * DAY_MS);
    ins.run('dead-row-31d', 'k-dead', null, 'dead', T0 - 31 * DAY_MS, T0 - 31 * DAY_MS, T0 - 31 * DAY_MS);
    // A pending row is never purged, however old: it has not reached Braze yet. (Due in the future so the worker leaves it.)
    ins.run('pending-90d', 'k-pending', JSON.stringify(prepared(9)), 'pending', T0 - 90 * DAY_MS, T0 + 365 * DAY_MS, null);
    for (const [id, age] of [['letter-45d', 45], ['letter-5d', 5]] as const) {
      await file.deadLetters.add({ id, site: 'shop', identity: `email:${id}@example.com`, body: { attributes: [{ email: `${id}@example.com` }] }, errors: [], reason: 'refused', status: 201, attempts: 1, deadAt: T0 - age * DAY_MS });
    }
    const delta = db.prepare(`INSERT INTO deltas (identity, attribute, hash, expires_at) VALUES (?, 'first_name', 'h', ?)`);
    delta.run('expired', T0 - 1);
    delta.run('live', T0 + 5 * DAY_MS);
    const log = db.prepare(`INSERT INTO erasure_log (at, via, removed) VALUES (?, 'cli', '{}')`);
    log.run(T0 - 4 * 365 * DAY_MS);
    log.run(T0 - 100 * DAY_MS);
    db.close();
    // The proxy starts on the file: its timer sweeps once at start-up, then every interval.
    const node = await createNodeDelivery({
      path,
      braze: { endpoint: ENDPOINT, apiKey: API_KEY },
      fetch,
      worker: { lingerMs: 1 },
      retention: options.retention,
      retentionIntervalMs: options.intervalMs ?? 3600_000,
      now: () => clock,
    });
    const ids = (sql: string) => node.db.prepare(sql).all().map((r) => String(Object.values(r)[0]));
    const snapshot = () => ({
      outbox: ids('SELECT id FROM outbox ORDER BY id'),
      deadLetters: ids('SELECT id FROM dead_letters ORDER BY id'),
      deltas: ids('SELECT identity FROM deltas ORDER BY identity'),
      erasureLog: ids('SELECT at FROM erasure_log ORDER BY at').map(Number),
    });
    return { node, snapshot, advance: (ms: number) => (clock += ms) };
  }

  it('removes what is past its default period when the scheduler runs, and keeps the rest', async () => {
    const { node, snapshot } = await seeded();
    try {
      await node.retention.run();
      expect(snapshot()).toEqual({
        outbox: ['delivered-10d', 'pending-90d'],
        deadLetters: ['letter-5d'],
        deltas: ['live'],
        erasureLog: [T0 - 100 * DAY_MS],
      });
    } finally {
      await node.close();
    }
  });

  it('follows a shorter period set per kind, as the clock moves on', async () => {
    const { node, snapshot, advance } = await seeded({ retention: { dead_letters: 3, delivered_ids: 5 } });
    try {
      await node.retention.run();
      expect(snapshot().deadLetters).toEqual([]);
      expect(snapshot().outbox).toEqual(['pending-90d']);
      // Six days on, the live delta row (expiring at T0 + 5 days) has lapsed too.
      advance(6 * DAY_MS);
      const report = await node.retention.run();
      expect(snapshot().deltas).toEqual([]);
      expect(report).toEqual({ at: T0 + 6 * DAY_MS, removed: { 'outbox/delivered_ids': 0, 'outbox/deltas': 1, 'outbox/dead_letters': 0, 'lifecycle/erasure_log': 0, 'offers/tags': 0 } });
    } finally {
      await node.close();
    }
  });

  it('runs on its own timer, at start-up and every interval, without anyone calling it', async () => {
    const { node, snapshot } = await seeded({ intervalMs: 50 });
    try {
      await until(() => snapshot().deadLetters.length === 1, 5_000);
      // A row already past its period, written after start-up: the next tick takes it.
      await node.deadLetters.add({ id: 'late-60d', site: 'shop', identity: 'email:late@example.com', body: { attributes: [{ email: 'late@example.com' }] }, errors: [], reason: 'refused', status: 201, attempts: 1, deadAt: T0 - 60 * DAY_MS });
      expect(snapshot().deadLetters).toEqual(['late-60d', 'letter-5d']);
      await until(() => snapshot().deadLetters.length === 1, 5_000);
      expect(snapshot().deadLetters).toEqual(['letter-5d']);
    } finally {
      await node.close();
    }
  });

  it('names the setting and the fix for a period that is not a positive number of days', () => {
    expect(() => retentionPolicy({ dead_letters: 0 })).toThrow('Retention of dead_letters (INLET_RETAIN_DEAD_LETTERS_DAYS) must be a number of days > 0, got 0.');
    expect(() => retentionPolicy({ nope: 1 } as never)).toThrow(/Unknown retention kind "nope"/);
  });

  it('has one default and one setting for every kind of data, stores not built yet included', () => {
    expect(Object.keys(RETENTION).sort()).toEqual(['activity_log', 'analytics_events', 'dead_letters', 'delivered_ids', 'deltas', 'erasure_log', 'sessions', 'tags']);
    const settings = Object.values(RETENTION).map((k) => k.setting);
    expect(new Set(settings).size).toBe(settings.length);
  });
});
