/**
 * The data lifecycle inside workerd: D1 migrated from migrations/ (and refused when a newer Inlet
 * migrated it), retention from the Cron Trigger with the controller's time as the clock, and
 * `POST /v1/admin/forget` removing one person from the KV stores while others stay.
 */
import { createScheduledController, env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import worker from '../../proxy/adapters/cloudflare/worker.ts';
import { checkD1 } from '../../proxy/adapters/cloudflare/d1-schema.ts';
import { kvDeadLetterStore } from '../../proxy/adapters/cloudflare/kv-dead-letters.ts';
import { canonical, keyedValueHash, valueHash } from '../../proxy/delivery/delta.ts';
import { deltaKey, legacyDeltaKey } from '../../proxy/lifecycle/keyed-hash.ts';
import { StoreTooNewError } from '../../proxy/lifecycle/migrations.ts';
import type { DeadLetter } from '../../proxy/delivery/stores.ts';
import { ORIGIN, signup, signupConfig, waitForUser } from '../runtimes/fixture.ts';

const DAY = 24 * 3600_000;
// The daily retention tick of the every-minute Cron Trigger (proxy/adapters/cloudflare/scheduled.ts).
const T0 = Date.UTC(2026, 5, 1, 3, 17);
const sandboxUrl = inject('sandboxUrl');
const letters = () => kvDeadLetterStore(env.DEAD_LETTERS as never, async () => {});
const letter = (id: string, email: string, deadAt: number): DeadLetter => ({ id, site: 'shop', identity: `email:${email}`, body: { attributes: [{ email }] }, errors: [], reason: 'refused', status: 201, attempts: 1, deadAt });

async function allEntries(kv: typeof env.DELTAS): Promise<string[]> {
  const { keys } = await kv.list();
  return Promise.all(keys.map(async (k) => `${k.name} ${(await kv.get(k.name)) ?? ''}`));
}

describe('D1 migrations', () => {
  it('migrates the database from migrations/ and gives it a hash key', async () => {
    const { hashKey } = await checkD1(env.DB as never);
    expect(hashKey).toMatch(/^[0-9a-f]{64}$/);
    const applied = await env.DB.prepare('SELECT name FROM d1_migrations').all<{ name: string }>();
    expect(applied.results.map((r) => r.name)).toEqual(['0001_lifecycle.sql', '0002_offers.sql', '0003_studio.sql']);
  });

  it('refuses a database that a newer Inlet migrated', async () => {
    await env.DB.prepare(`INSERT INTO d1_migrations (name) VALUES ('0004_from_the_future.sql')`).run();
    try {
      const refused = await checkD1(env.DB as never).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreTooNewError);
      expect((refused as Error).message).toMatch(/^The D1 store in the DB binding \(migration 0004_from_the_future\.sql\) is at schema version 4, but this Inlet knows versions up to 3: it was written by a newer Inlet\./);
    } finally {
      await env.DB.prepare(`DELETE FROM d1_migrations WHERE name = '0004_from_the_future.sql'`).run();
    }
  });
});

describe('retention from the Cron Trigger', () => {
  it('removes dead letters and erasure-log entries past their period at the scheduled time, and keeps younger ones', async () => {
    await letters().add(letter('cron-old', 'old@example.com', T0 - 40 * DAY));
    await letters().add(letter('cron-young', 'young@example.com', T0 - 5 * DAY));
    await env.DB.prepare(`INSERT INTO erasure_log (at, via, removed) VALUES (?, 'cli', '{}'), (?, 'cli', '{}')`).bind(T0 - 4 * 365 * DAY, T0 - 10 * DAY).run();
    // Any other minute's tick leaves them: retention runs once a day.
    await worker.scheduled(createScheduledController({ scheduledTime: T0 - 60_000, cron: '* * * * *' }), env as never);
    expect(await env.DEAD_LETTERS.get('dead:cron-old')).not.toBeNull();
    await worker.scheduled(createScheduledController({ scheduledTime: T0, cron: '* * * * *' }), env as never);
    expect(await env.DEAD_LETTERS.get('dead:cron-old')).toBeNull();
    expect(await env.DEAD_LETTERS.get('dead:cron-young')).not.toBeNull();
    const log = await env.DB.prepare('SELECT at FROM erasure_log WHERE via = ? ORDER BY at').bind('cli').all<{ at: number }>();
    expect(log.results.map((r) => r.at)).toEqual([T0 - 10 * DAY]);
    // Forty days later the young letter has lapsed too.
    await worker.scheduled(createScheduledController({ scheduledTime: T0 + 40 * DAY }), env as never);
    expect(await env.DEAD_LETTERS.get('dead:cron-young')).toBeNull();
  });
});

describe('POST /v1/admin/forget on Workers', () => {
  const ana = signup('forget-ana');
  const bruno = signup('forget-bruno');
  let hashKey: string;
  beforeAll(async () => {
    hashKey = (await checkD1(env.DB as never)).hashKey;
    await env.FORMS.put('config', JSON.stringify(signupConfig()));
    for (const s of [ana, bruno]) {
      const response = await SELF.fetch('https://inlet.example.workers.dev/v1/submissions', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN }, body: JSON.stringify(s.body) });
      expect(response.status).toBe(202);
    }
    for (const s of [ana, bruno]) await waitForUser(sandboxUrl, s.email, 15_000);
    // The consumer remembers delivered values under keyed hashes a moment after Braze took them.
    const key = async (email: string) => `delta:${await deltaKey(hashKey, 'shop', `email:${email}`)}`;
    const deadline = Date.now() + 15_000;
    while (!((await env.DELTAS.get(await key(ana.email))) && (await env.DELTAS.get(await key(bruno.email))))) {
      if (Date.now() > deadline) throw new Error('no keyed delta entries');
      await new Promise((r) => setTimeout(r, 100));
    }
    await letters().add(letter('forget-ana-letter', ana.email, Date.now()));
    await letters().add(letter('forget-bruno-letter', bruno.email, Date.now()));
  }, 40_000);

  async function needles(email: string): Promise<string[]> {
    const unkeyed = valueHash(canonical(email));
    return [email, `email:${email}`, await deltaKey(hashKey, 'shop', `email:${email}`), await legacyDeltaKey('shop', `email:${email}`), unkeyed, keyedValueHash(hashKey, unkeyed)];
  }
  const tracesOf = async (email: string) => {
    const everything = [...(await allEntries(env.DELTAS)), ...(await allEntries(env.DEAD_LETTERS)), ...(await env.DB.prepare('SELECT * FROM erasure_log').all()).results.map((r) => JSON.stringify(r))];
    const list = await needles(email);
    return everything.filter((entry) => list.some((n) => entry.includes(n)));
  };

  it('removes the person from the dead letters and deltas, logs it without them, and leaves others', async () => {
    expect((await tracesOf(ana.email)).length).toBe(2);
    const response = await SELF.fetch('https://inlet.example.workers.dev/v1/admin/forget', {
      method: 'POST',
      headers: { authorization: 'Bearer workers-test-admin-token', 'content-type': 'application/json' },
      body: JSON.stringify({ email: ` ${ana.email.toUpperCase()}` }),
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { removed: Record<string, number>; braze: string[] };
    // Analytics and the studio are bound too: her keyed identifier hash goes; she is no studio user.
    expect(report.removed).toEqual({ 'dead_letters/kv': 1, 'deltas/kv': 1, 'offers/claims': 0, 'offers/draws': 0, 'studio/users': 0, 'studio/roles': 0, 'studio/sessions': 0, 'studio/logins': 0, 'studio/activity': 0, 'analytics/identifiers': 1 });
    expect(report.braze.join('\n')).toContain('/users/delete');
    expect(await tracesOf(ana.email)).toEqual([]);
    expect((await tracesOf(bruno.email)).length).toBe(2);
    const log = await env.DB.prepare(`SELECT via, removed FROM erasure_log WHERE via = 'admin'`).all<{ via: string; removed: string }>();
    expect(log.results).toEqual([{ via: 'admin', removed: JSON.stringify(report.removed) }]);
  });
});
