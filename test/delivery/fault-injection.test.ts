/**
 * Must-show: under injected 429/500/503/timeouts/resets on ≥ 30 % of calls, every accepted
 * submission ends in Braze exactly once, or in the dead letters with Braze's reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeDelivery, type NodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import type { Sandbox } from '../../demo/sandbox/index.ts';
import { API_KEY, ENDPOINT, prepared, sandboxFor, tempDir, trackCalls, until } from './helpers.ts';

const VALID = 5_000;
const INVALID = 40;
const BAD_EMAIL = "The value provided for the 'email' field is not a valid email.";

describe('delivery under injected Braze faults', () => {
  const tmp = tempDir();
  let sandbox: Sandbox;
  let node: NodeDelivery;
  let receipts: { status: string }[];

  beforeAll(async () => {
    const env = sandboxFor({ seed: 7 });
    sandbox = env.sandbox;
    // 32 % of calls fail: 429 (each pauses every call for the 1 s it asks), 500, 503, hangs (client timeout) and resets.
    sandbox.setFaults({ rates: { '429': 0.02, '500': 0.1, '503': 0.1 }, hangRate: 0.06, resetRate: 0.04, paths: ['/users/track'] });
    node = await createNodeDelivery({
      path: tmp.file('outbox.sqlite'),
      braze: { endpoint: ENDPOINT, apiKey: API_KEY },
      fetch: env.fetch,
      timeoutMs: 150,
      // Survives the process being killed (the crash test covers that); FULL adds an fsync per write.
      synchronous: 'NORMAL',
      delivery: { backoff: { baseMs: 5, maxMs: 40 } },
      worker: { lingerMs: 5 },
    });
    const invalid = Array.from({ length: INVALID }, (_, i) => {
      const email = `broken-${i}@`;
      return prepared(`bad-${i}`, { identity: `email:${email}`, attributes: [{ email }], events: [{ email, name: 'inlet_consent', time: '2026-01-01T00:00:00.000Z' }] });
    });
    const all = [...Array.from({ length: VALID }, (_, i) => prepared(i)), ...invalid];
    // Every 10th sign-up is also resent by the widget (same id): it must be delivered once.
    const resent = all.filter((_, i) => i % 10 === 0);
    receipts = [];
    for (let i = 0; i < all.length; i += 250) receipts.push(...(await Promise.all([...all.slice(i, i + 250), ...resent.slice(i / 10, i / 10 + 25)].map((s) => node.delivery.submit(s)))));
    // Seconds on an idle machine; the margin is for a loaded CI box.
    await until(async () => (await node.outbox.depth()).pending === 0, 150_000, 50);
  }, 180_000);

  afterAll(async () => {
    await node?.close();
    tmp.remove();
  });

  it('injected faults on at least 30 % of the /users/track calls', () => {
    const calls = trackCalls(sandbox);
    const faulted = calls.filter((c) => c.fault !== undefined).length;
    expect(faulted / calls.length).toBeGreaterThanOrEqual(0.3);
    expect(new Set(calls.map((c) => c.fault).filter(Boolean))).toEqual(new Set([429, 500, 503, 'hang', 'reset']));
  });

  it('accepted every submission, and recognised the resent ids as duplicates', () => {
    expect(receipts.filter((r) => r.status === 'accepted')).toHaveLength(VALID + INVALID);
    expect(receipts.filter((r) => r.status === 'duplicate')).toHaveLength((VALID + INVALID) / 10);
  });

  it('put every valid sign-up in Braze exactly once: one profile, one consent event', () => {
    const users = sandbox.users();
    const byEmail = new Map(users.map((u) => [u.email, u]));
    expect(users).toHaveLength(VALID);
    for (let i = 0; i < VALID; i++) {
      const user = byEmail.get(`visitor-${i}@example.com`);
      expect(user?.attributes.first_name).toBe(`Visitor ${i}`);
      expect(user?.events.map((e) => e.properties.submission_id)).toEqual([`sub-${i}`]);
    }
  });

  it('put every refused sign-up in the dead letters with Braze reason, and nothing else there', async () => {
    const letters = await node.deadLetters.list({ limit: 1_000 });
    expect(letters.map((l) => l.id).sort()).toEqual(Array.from({ length: INVALID }, (_, i) => prepared(`bad-${i}`).id).sort());
    for (const letter of letters) {
      expect(letter.errors.map((e) => e.type)).toContain(BAD_EMAIL);
      expect(letter.body.attributes).toEqual([{ email: expect.stringMatching(/^broken-\d+@$/) }]);
    }
  });

  it('left nothing in the outbox and counted the retries', async () => {
    const stats = await node.delivery.stats!();
    expect(stats.queue).toEqual({ depth: 0, oldestPendingAgeMs: null });
    // `delivered` and `dead` never overlap (issue 12 item 14): the invalid ones are dead, not delivered.
    expect(stats.delivered).toBe(VALID);
    expect(stats.dead).toBe(INVALID);
    expect(stats.deadLettered).toBe(INVALID);
    expect(stats.retried).toBeGreaterThan(0);
    expect(stats.brazeCalls).toBe(trackCalls(sandbox).length);
  });
});
