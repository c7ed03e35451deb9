import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_EMAIL_GROUP } from '../../demo/sandbox/index.ts';
import { createMemoryDeltaStore, planDelta, rememberDelivered } from '../../proxy/delivery/index.ts';
import { createNodeDelivery, type NodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { API_KEY, ENDPOINT, prepared, sandboxFor, tempDir, trackCalls, until } from './helpers.ts';

const EMAIL = 'ada@example.com';
const consent = (n: number) => ({ email: EMAIL, name: 'inlet_consent', time: '2026-01-01T00:00:00.000Z', properties: { submission_id: `s-${n}` } });
const signUp = (n: number, attributes: Record<string, unknown> = {}) =>
  prepared(n, { identity: `email:${EMAIL}`, attributes: [{ email: EMAIL, first_name: 'Ada', favourite_color: 'green', ...attributes }], events: [consent(n)] });

describe('only deltas reach Braze', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  let node: NodeDelivery | undefined;
  afterEach(async () => {
    await node?.close();
  });

  async function setup() {
    // Events are not billed here, so the counter moves only for attribute writes.
    const env = sandboxFor({ billEvents: false });
    node = await createNodeDelivery({ path: tmp.file(`delta-${Date.now()}.sqlite`), braze: { endpoint: ENDPOINT, apiKey: API_KEY }, fetch: env.fetch, worker: { lingerMs: 1 } });
    const deliver = async (submission: ReturnType<typeof signUp>) => {
      await node!.delivery.submit(submission);
      await until(async () => (await node!.outbox.depth()).pending === 0);
    };
    return { sandbox: env.sandbox, deliver, node };
  }

  it('resubmitting the same profile sends no attribute data points, and the consent event still arrives', async () => {
    const { sandbox, deliver, node } = await setup();
    await deliver(signUp(1));
    const before = sandbox.dataPoints().total;
    expect(before).toBe(3); // email, first_name, favourite_color

    await deliver(signUp(2));
    expect(sandbox.dataPoints().total).toBe(before);
    expect(trackCalls(sandbox).at(-1)?.body).toEqual({ events: [consent(2)] });
    const [ada] = sandbox.users();
    expect(ada?.events.map((e) => e.properties.submission_id)).toEqual(['s-1', 's-2']);
    expect((await node.delivery.stats!()).dataPointsSaved).toBe(3);
  });

  it('sends only the changed attribute, with the email that finds the profile', async () => {
    const { sandbox, deliver } = await setup();
    await deliver(signUp(1));
    await deliver(signUp(2, { first_name: 'Ada L.' }));
    expect(trackCalls(sandbox).at(-1)?.body).toEqual({ attributes: [{ email: EMAIL, first_name: 'Ada L.' }], events: [consent(2)] });
    expect(sandbox.users()[0]?.attributes).toMatchObject({ first_name: 'Ada L.', favourite_color: 'green' });
  });

  it('always sends subscription-group states, even unchanged', async () => {
    const { sandbox, deliver } = await setup();
    const groups = [{ subscription_group_id: SANDBOX_EMAIL_GROUP, subscription_state: 'subscribed' }];
    await deliver(signUp(1, { subscription_groups: groups }));
    await deliver(signUp(2, { subscription_groups: groups }));
    expect(trackCalls(sandbox).at(-1)?.body).toEqual({ attributes: [{ email: EMAIL, subscription_groups: groups }], events: [consent(2)] });
    expect(sandbox.users()[0]?.subscription_groups).toEqual({ [SANDBOX_EMAIL_GROUP]: 'subscribed' });
  });

  it('remembers nothing of an object Braze refused, so it is sent in full next time', async () => {
    const { sandbox, deliver } = await setup();
    await deliver(prepared(1, { identity: 'email:x@', attributes: [{ email: 'x@', first_name: 'X' }], events: [] }));
    await deliver(prepared(2, { identity: 'email:x@', attributes: [{ email: 'x@', first_name: 'X' }], events: [] }));
    expect(trackCalls(sandbox).map((c) => c.body)).toEqual([
      { attributes: [{ email: 'x@', first_name: 'X' }] },
      { attributes: [{ email: 'x@', first_name: 'X' }] },
    ]);
  });
});

describe('planDelta', () => {
  const NOW = Date.UTC(2026, 0, 1);

  it('forgets delivered values after their time to live', async () => {
    const store = createMemoryDeltaStore();
    const first = await planDelta(signUp(1), store, NOW);
    await rememberDelivered(first, [0], store, NOW + 1_000);
    expect((await planDelta(signUp(2), store, NOW + 999)).submission.attributes).toEqual([]);
    expect((await planDelta(signUp(3), store, NOW + 1_000)).submission.attributes).toEqual(signUp(3).attributes);
  });

  it('treats key order as irrelevant and array add/remove as always new', async () => {
    const store = createMemoryDeltaStore();
    const one = prepared(1, { identity: `email:${EMAIL}`, attributes: [{ email: EMAIL, prefs: { b: 1, a: 2 } as never, tags: { add: ['x'] } }] });
    await rememberDelivered(await planDelta(one, store, NOW), [0], store, NOW + 1e9);
    const two = prepared(2, { identity: `email:${EMAIL}`, attributes: [{ email: EMAIL, prefs: { a: 2, b: 1 } as never, tags: { add: ['x'] } }] });
    expect((await planDelta(two, store, NOW)).submission.attributes).toEqual([{ email: EMAIL, tags: { add: ['x'] } }]);
  });

  it('keeps identities apart per site', async () => {
    const store = createMemoryDeltaStore();
    await rememberDelivered(await planDelta(signUp(1), store, NOW), [0], store, NOW + 1e9);
    expect((await planDelta({ ...signUp(2), site: 'blog' }, store, NOW)).submission.attributes).toEqual(signUp(2).attributes);
  });
});
