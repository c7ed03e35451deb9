/**
 * Must-show: N submissions arriving together become ⌈objects/75⌉ `/users/track` calls (± one at
 * the linger boundary), and no call ever carries more than Braze's limit.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../demo/sandbox/index.ts';
import { createHandler } from '../../proxy/index.ts';
import { createNodeDelivery, type NodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { post, submission, welcomeConfig } from '../helpers/proxy.ts';
import { API_KEY, ENDPOINT, prepared, sandboxFor, tempDir, trackCalls, until } from './helpers.ts';

const objects = (call: LoggedRequest) => {
  const body = call.body as Record<string, unknown[] | undefined>;
  return { attributes: body.attributes?.length ?? 0, events: body.events?.length ?? 0, purchases: body.purchases?.length ?? 0 };
};
const total = (call: LoggedRequest) => Object.values(objects(call)).reduce((a, b) => a + b, 0);

describe('batching into /users/track calls', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  let node: NodeDelivery | undefined;
  afterEach(async () => {
    await node?.close();
  });

  async function start(sandboxOptions: Parameters<typeof sandboxFor>[0] = {}, limits?: { mode: 'combined' | 'legacy'; maxObjects: number }, worker: { lingerMs?: number } = { lingerMs: 2_000 }) {
    const env = sandboxFor(sandboxOptions);
    node = await createNodeDelivery({
      path: tmp.file(`batching-${Date.now()}.sqlite`),
      braze: { endpoint: ENDPOINT, apiKey: API_KEY },
      fetch: env.fetch,
      synchronous: 'NORMAL',
      // Long enough that the whole burst arrives within one linger window (unless a test passes its own).
      worker,
      delivery: limits ? { limits } : {},
    });
    return { sandbox: env.sandbox, node };
  }

  it('packs 750 one-object submissions into 10 full calls of 75', async () => {
    const { sandbox, node } = await start();
    const burst = Array.from({ length: 750 }, (_, i) => prepared(i, { events: [] }));
    await Promise.all(burst.map((s) => node.delivery.submit(s)));
    await until(async () => (await node.outbox.depth()).pending === 0);
    const calls = trackCalls(sandbox);
    expect(calls.map(total)).toEqual(Array(10).fill(75));
    expect(calls.every((c) => c.status === 201)).toBe(true);
    expect(sandbox.users()).toHaveLength(750);
  });

  it('sends a burst through the proxy in ⌈N/37⌉ calls when each sign-up is 2 objects (never split), none over 75', async () => {
    const { sandbox, node } = await start();
    const handler = createHandler({ config: welcomeConfig(), braze: { endpoint: ENDPOINT, apiKey: API_KEY }, delivery: node.delivery });
    const N = 300;
    const answers = await Promise.all(Array.from({ length: N }, (_, i) => handler(post(submission({ email: `burst-${i}@example.com` })))));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    await until(async () => (await node.outbox.depth()).pending === 0);
    const calls = trackCalls(sandbox);
    const expected = Math.ceil(N / Math.floor(75 / 2));
    expect(calls.length).toBeGreaterThanOrEqual(expected);
    expect(calls.length).toBeLessThanOrEqual(expected + 1);
    expect(Math.max(...calls.map(total))).toBeLessThanOrEqual(75);
    for (const call of calls) expect(objects(call).attributes).toBe(objects(call).events);
    expect(sandbox.users()).toHaveLength(N);
  });

  it('in legacy mode (75 per array) sends the same 2-object burst in ⌈N/75⌉ calls', async () => {
    const { sandbox, node } = await start({ limitMode: 'legacy' }, { mode: 'legacy', maxObjects: 75 });
    const N = 300;
    await Promise.all(Array.from({ length: N }, (_, i) => node.delivery.submit(prepared(i))));
    await until(async () => (await node.outbox.depth()).pending === 0);
    const calls = trackCalls(sandbox);
    expect(calls.map(objects)).toEqual(Array(4).fill({ attributes: 75, events: 75, purchases: 0 }));
    expect(calls.every((c) => c.status === 201)).toBe(true);
  });

  it('sends a lone sign-up after the linger, in a call of its own', async () => {
    const { sandbox, node } = await start();
    await node.delivery.submit(prepared(1));
    expect(trackCalls(sandbox)).toHaveLength(0);
    await until(() => trackCalls(sandbox).length === 1, 5_000);
    expect(total(trackCalls(sandbox)[0]!)).toBe(2);
  });

  it('fills calls from a slow trickle too: sign-ups every 10 ms (a loaded intake) leave in full calls, not one per linger', async () => {
    // The default policy: a partial call leaves after 50 ms without arrivals, or when its oldest has waited 1 s.
    const { sandbox, node } = await start({}, undefined, {});
    const N = 222;
    // Paced by the clock (sign-up i is due at start + 10·i ms), so a loaded machine does not slow the trickle.
    const begin = Date.now();
    const submits: Promise<unknown>[] = [];
    for (let i = 0; i < N; i++) {
      const due = begin + i * 10;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      submits.push(node.delivery.submit(prepared(i)));
    }
    await Promise.all(submits);
    await until(async () => (await node.outbox.depth()).pending === 0);
    const calls = trackCalls(sandbox);
    const minimum = Math.ceil((N * 2) / 75);
    console.log(`trickle: ${N} sign-ups over ${N * 10} ms in ${calls.length} calls (minimum ${minimum}): ${calls.map(total).join(", ")}`);
    expect(calls.length).toBeLessThanOrEqual(minimum * 1.1 + 1);
    expect(sandbox.users()).toHaveLength(N);
  });
});
