/**
 * Erasure: three people sign up through every feature that stores something on Node (a multi-step
 * form, a dead letter, a pending outbox row, delta hashes, a unique coupon code, a spin-to-win
 * prize); one is forgotten with the real
 * `npm run forget` process, one with `POST /v1/admin/forget`. A scan of every table, column and
 * byte of the store then finds no trace of them (email, phone, names, identity keys, value
 * hashes, keyed or not), while the third person's data is intact.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { createHandler } from '../../proxy/handler.ts';
import { createNodeDelivery, type NodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { canonical, keyedValueHash, valueHash } from '../../proxy/delivery/delta.ts';
import { deltaKey, legacyDeltaKey, legacyOutboxKey, outboxKey } from '../../proxy/lifecycle/keyed-hash.ts';
import { holderOf } from '../../proxy/offers/holders.ts';
import { tempDir, until } from '../delivery/helpers.ts';
import { createSqlAnalyticsStore, identifierHash, type AnalyticsStore } from '../../proxy/analytics/index.ts';
import { analyticsErasure } from '../../proxy/analytics/lifecycle.ts';
import { checkpoint, openAnalyticsDatabase } from '../../proxy/adapters/node/analytics-sqlite.ts';
import { everyValue, lifecycleConfig, SANDBOX_KEY, submissionId, submit, traces } from './helpers.ts';

const ADMIN = 'lifecycle-admin-token';

/** The lifecycle config plus a coupon form and a wheel, each drawing unique codes from a pool. */
function config() {
  const base = lifecycleConfig();
  const shop = { ...base.sites.shop, attributes: { welcome_code: { type: 'string' }, spin_code: { type: 'string' } }, offers: { pools: { welcome: { attribute: 'welcome_code', fallback: { code: 'THANKS5' } }, spin: { attribute: 'spin_code', fallback: { code: 'THANKS5' } } } } };
  const email = [{ name: 'email', type: 'email', required: true }, { name: 'news', type: 'consent', channel: 'email', disclosure: { en: 'Email me offers. Unsubscribe any time.' }, version: 'v1' }];
  return {
    sites: { shop },
    forms: [
      ...base.forms,
      { id: 'coupon', site: 'shop', offer: { pool: 'welcome' }, steps: [{ fields: email }, { success: { title: 'Your code' } }] },
      { id: 'wheel', site: 'shop', offer: { wheel: { segments: [{ label: 'A', weight: 1, pool: 'spin' }, { label: 'B', weight: 1, pool: 'spin' }] } }, steps: [{ fields: email }, { success: { title: 'Your prize' } }] },
    ],
  };
}

interface Person {
  tag: string;
  email: string;
  /** As typed in the form (national format). */
  typedPhone: string;
  phone: string;
  first: string;
  city: string;
}

const person = (tag: string, digits: string): Person => ({
  tag,
  email: `${tag}.${Date.now().toString(36)}@example.com`,
  typedPhone: `06 12 34 ${digits.slice(0, 2)} ${digits.slice(2)}`,
  phone: `+3361234${digits}`,
  first: `Firstname${tag}Q`,
  city: `City${tag}Z`,
});

describe('forgetting one person on Node', () => {
  const tmp = tempDir();
  const path = tmp.file('outbox.sqlite');
  // Beside the outbox, where the Node proxy and `npm run forget` look for it.
  const analyticsPath = tmp.file('analytics.sqlite');
  let analyticsDb: ReturnType<typeof openAnalyticsDatabase>;
  let analytics: AnalyticsStore;
  const configPath = tmp.file('inlet.config.json');
  let sandbox: RunningSandbox;
  let node: NodeDelivery;
  let server: RunningServer;
  let hashKey: string;
  const ana = person('ana', '5601');
  const bruno = person('bruno', '5602');
  const chloe = person('chloe', '5603');
  const everyone = [ana, bruno, chloe];

  const faults = (body: unknown) => fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
  const deadCount = () => Number(node.db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get()?.n);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, apiKey: SANDBOX_KEY });
    writeFileSync(configPath, JSON.stringify(config()));
    node = await createNodeDelivery({
      path,
      braze: { endpoint: sandbox.url, apiKey: SANDBOX_KEY },
      worker: { lingerMs: 1 },
      // Give up fast, so a Braze outage turns a sign-up into a dead letter within a second.
      delivery: { giveUpAfterMs: 300, backoff: { baseMs: 50, maxMs: 100 } },
    });
    hashKey = String(node.db.prepare(`SELECT value FROM inlet_meta WHERE name = 'hash_key'`).get()?.value);
    await node.offers.add('shop', 'welcome', ['WELCOME-A1', 'WELCOME-B2', 'WELCOME-C3'], Date.now());
    await node.offers.add('shop', 'spin', ['SPIN-A1', 'SPIN-B2', 'SPIN-C3'], Date.now());
    analyticsDb = openAnalyticsDatabase(analyticsPath);
    analytics = await createSqlAnalyticsStore(analyticsDb);
    node.erasure.register(analyticsErasure(analytics, checkpoint(analyticsDb)));
    const handler = createHandler({ config: config(), braze: { endpoint: sandbox.url, apiKey: SANDBOX_KEY }, delivery: node.delivery, adminToken: ADMIN, erasure: node.erasure, offers: node.offers, analytics: { store: analytics } });
    server = await serve(handler, { port: 0 });

    // 1. The multi-step form, delivered: settled outbox rows and delta hashes.
    for (const p of everyone) {
      const first = await submit(server.url, { id: submissionId(p.tag), site: 'shop', form: 'welcome', step: 0, fields: { email: p.email, first_name: p.first, news: true }, consentVersions: { news: 'v1' } });
      expect(first.status).toBe(202);
      const second = await submit(server.url, { id: submissionId(p.tag), site: 'shop', form: 'welcome', step: 1, continuation: first.body.continuation, fields: { phone: p.typedPhone, home_city: p.city } });
      expect(second.status).toBe(202);
    }
    // A unique code from the coupon form and a prize from the wheel, each claimed for the person.
    for (const p of everyone) {
      for (const form of ['coupon', 'wheel']) {
        const answer = await submit(server.url, { id: submissionId(`${p.tag}-${form}`), site: 'shop', form, step: 0, fields: { email: p.email, news: true }, consentVersions: { news: 'v1' } });
        expect(answer.status).toBe(202);
        expect((answer.body.offer as { code?: string }).code).toMatch(/^(WELCOME|SPIN)-/);
      }
    }
    await until(async () => (await node.outbox.depth()).pending === 0);
    expect(Number(node.db.prepare('SELECT COUNT(*) AS n FROM deltas').get()?.n)).toBeGreaterThan(0);

    // 2. A dead letter each: Braze answers 503 until delivery gives up.
    await faults({ rates: { '503': 1 } });
    for (const p of everyone) {
      expect((await submit(server.url, { id: submissionId(p.tag), site: 'shop', form: 'welcome', step: 0, fields: { email: p.email, first_name: p.first, news: true }, consentVersions: { news: 'v1' } })).status).toBe(202);
    }
    await until(() => deadCount() === 3);
    await faults({ rates: {} });

    // 3. A pending row each: accepted while delivery is stopped (as during an outage or a restart).
    await node.worker.stop();
    for (const p of everyone) {
      const first = await submit(server.url, { id: submissionId(p.tag), site: 'shop', form: 'welcome', step: 0, fields: { email: p.email, first_name: p.first, news: true }, consentVersions: { news: 'v1' } });
      expect(first.status).toBe(202);
      expect((await submit(server.url, { id: submissionId(p.tag), site: 'shop', form: 'welcome', step: 1, continuation: first.body.continuation, fields: { phone: p.typedPhone, home_city: p.city } })).status).toBe(202);
    }
    expect((await node.outbox.depth()).pending).toBe(6);
  }, 60_000);

  afterAll(async () => {
    analyticsDb?.close();
    await server?.close();
    await node?.close();
    await sandbox?.close();
    tmp.remove();
  });

  /** Everything that could betray the person: clear values, identity strings, and every hash of them. */
  async function needles(p: Person): Promise<string[]> {
    const list = [p.email, p.phone, p.phone.slice(1), p.first, p.city, `email:${p.email}`, `phone:${p.phone}`];
    for (const identity of [`email:${p.email}`, `phone:${p.phone}`]) {
      list.push(await outboxKey(hashKey, 'shop', identity), await legacyOutboxKey('shop', identity), await deltaKey(hashKey, 'shop', identity), await legacyDeltaKey('shop', identity));
      list.push(await holderOf(await node.offers.hashKey(), 'shop', identity));
    }
    // Analytics' keyed identifier hash (to tell "new to Inlet"), under its own key.
    const analyticsKey = await analytics.key('identifiers', Date.now());
    for (const identity of [`email:${p.email}`, `phone:${p.phone}`]) list.push(await identifierHash(analyticsKey, 'shop', identity));
    for (const value of [p.email, p.phone, p.first, p.city]) {
      const unkeyed = valueHash(canonical(value));
      list.push(unkeyed, keyedValueHash(hashKey, unkeyed));
    }
    return list;
  }

  it('finds each person in the store before anything is forgotten (the scan can fail)', async () => {
    for (const p of everyone) {
      const found = traces(path, await needles(p));
      expect(found.some((t) => t.includes('outbox['))).toBe(true);
      expect(found.some((t) => t.includes('dead_letters['))).toBe(true);
      expect(found.some((t) => t.includes('deltas['))).toBe(true);
      expect(found.some((t) => t.includes('offer_codes['))).toBe(true);
      expect(found.some((t) => t.includes('offer_draws['))).toBe(true);
      // Analytics holds no email or phone, only the keyed hash of the identifier each first step carried.
      const inAnalytics = traces(analyticsPath, await needles(p));
      expect(inAnalytics.length).toBeGreaterThan(0);
      expect(inAnalytics.every((t) => t.includes('analytics_identifiers[') || t.includes(`bytes of ${analyticsPath}`))).toBe(true);
      expect(traces(analyticsPath, [p.email, p.phone, p.phone.slice(1), p.first, p.city])).toEqual([]);
    }
  });

  it('npm run forget removes one person from every store and says what to do in Braze', async () => {
    const run = spawnSync(process.execPath, [resolve('proxy/cli/forget.ts'), '--email', `  ${ana.email.toUpperCase()} `, '--phone', ana.typedPhone, '--country', 'FR', '--outbox', path, '--config', configPath], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status, run.stderr).toBe(0);
    // Seven outbox rows (two delivered steps, the coupon and wheel sign-ups, the dead one, two pending
    // steps), the dead letter, one delta row per attribute, two code claims and the wheel's draw.
    expect(run.stdout).toMatch(/Removed \d+ row\(s\): outbox\/outbox 7, outbox\/dead_letters 1, outbox\/deltas \d+, offers\/claims 2, offers\/draws 1, analytics\/identifiers \d+\./);
    expect(run.stdout).toContain('/users/delete');
    // The log line names no one.
    const logLine = run.stdout.split('\n').find((l) => l.startsWith('inlet: erased one person'))!;
    expect(logLine).toMatch(/^inlet: erased one person \(cli\): \d+ row\(s\) from outbox, offers, analytics$/);
    expect(traces(path, await needles(ana))).toEqual([]);
    expect(traces(analyticsPath, await needles(ana))).toEqual([]);
  });

  it('POST /v1/admin/forget does the same from the admin token, logging no identifier', async () => {
    const forget = (body: unknown, token = ADMIN) => fetch(`${server.url}/v1/admin/forget`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await forget({ email: chloe.email }, 'wrong')).status).toBe(401);
    const bad = await forget({ email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request', fields: { email: [expect.objectContaining({ message: expect.stringContaining('"email" is not a valid email address') })] } });
    const logs = vi.spyOn(console, 'log');
    const response = await forget({ email: chloe.email.toUpperCase() });
    const logged = logs.mock.calls.map((c) => c.join(' '));
    logs.mockRestore();
    expect(response.status).toBe(200);
    const report = (await response.json()) as { total: number; removed: Record<string, number>; braze: string[] };
    expect(report.removed).toMatchObject({ 'outbox/outbox': 7, 'outbox/dead_letters': 1, 'offers/claims': 2, 'offers/draws': 1 });
    expect(report.removed['analytics/identifiers']).toBeGreaterThan(0);
    expect(report.braze.join('\n')).toContain('/users/delete');
    expect(logged).toEqual([`inlet: erased one person (admin): ${report.total} row(s) from outbox, offers, analytics`]);
    // Chloe was forgotten by email only: her phone went with the rows it was in.
    expect(traces(path, await needles(chloe))).toEqual([]);
    expect(traces(analyticsPath, await needles(chloe))).toEqual([]);
  });

  it('leaves everyone else intact, and records each erasure without an identifier', async () => {
    const found = traces(path, await needles(bruno));
    expect(found.filter((t) => t.includes('outbox[')).length).toBeGreaterThan(0);
    expect(found.some((t) => t.includes('dead_letters['))).toBe(true);
    expect(found.some((t) => t.includes('deltas['))).toBe(true);
    expect(found.some((t) => t.includes('offer_codes['))).toBe(true);
    expect(traces(analyticsPath, await needles(bruno)).some((t) => t.includes('analytics_identifiers['))).toBe(true);
    expect((await node.outbox.depth()).pending).toBe(2);
    expect((await node.deadLetters.list()).map((l) => l.identity)).toEqual([`email:${bruno.email}`]);
    const log = everyValue(path).filter((v) => v.at.startsWith('erasure_log'));
    expect(log.filter((v) => v.at.endsWith('.via')).map((v) => v.text)).toEqual(['cli', 'admin']);
    // Bruno's pending rows still deliver once delivery resumes.
    await node.worker.start();
    await until(async () => (await node.outbox.depth()).pending === 0);
  });
});
