import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../demo/sandbox/index.ts';
import { createHandler } from '../../proxy/index.ts';
import { createNodeDelivery, type NodeDelivery, type NodeDeliveryOptions } from '../../proxy/adapters/node/delivery.ts';
import { post, submission, welcomeConfig } from '../helpers/proxy.ts';
import { API_KEY, ENDPOINT, prepared, sandboxFor, tempDir, trackCalls, until } from './helpers.ts';

describe('the SQLite outbox', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  const open: NodeDelivery[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((n) => n.close()));
  });

  /** A proxy whose Braze can be swapped mid-test, as when an operator fixes the workspace. */
  async function start(first: Sandbox, options: Partial<NodeDeliveryOptions> = {}) {
    let braze = first;
    const node = await createNodeDelivery({
      path: tmp.file(`outbox-${open.length}-${Date.now()}.sqlite`),
      braze: { endpoint: ENDPOINT, apiKey: API_KEY },
      fetch: (input, init) => braze.fetch(new Request(input, init)),
      worker: { lingerMs: 1, pollMs: 50 },
      ...options,
    });
    open.push(node);
    const settled = () => until(async () => (await node.outbox.depth()).pending === 0);
    return { node, settled, use: (next: Sandbox) => void (braze = next) };
  }

  it('answers the same id the same way and delivers it once', async () => {
    const { sandbox } = sandboxFor();
    const { node, settled } = await start(sandbox);
    const handler = createHandler({ config: welcomeConfig(), braze: { endpoint: ENDPOINT, apiKey: API_KEY }, delivery: node.delivery });
    const body = submission({ email: 'ada@example.com', first_name: 'Ada' });
    const answers = await Promise.all([handler(post(body)), handler(post(body)), handler(post(body))]);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    await settled();
    await handler(post(body));
    await settled();
    expect(sandbox.users().map((u) => [u.email, u.events.length])).toEqual([['ada@example.com', 1]]);
    expect(trackCalls(sandbox)).toHaveLength(1);
  });

  it('pauses on 401/403 without dropping anything, says so on /healthz, and resumes once Braze accepts the key', async () => {
    const refusing = createSandbox({ apiKey: 'another-key' });
    const { sandbox: fixed } = sandboxFor();
    const logs: string[] = [];
    const { node, settled, use } = await start(refusing, { delivery: { pauseProbeMs: 100 }, worker: { lingerMs: 1, pollMs: 20, log: (m) => logs.push(m) } });
    const handler = createHandler({ config: welcomeConfig(), braze: { endpoint: ENDPOINT, apiKey: API_KEY }, delivery: node.delivery });
    for (let i = 0; i < 5; i++) await node.delivery.submit(prepared(i));
    await until(() => node.delivery.health!().ok === false);

    const health = await handler(new Request('https://forms.example.com/healthz'));
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, delivery: { paused: [{ site: 'shop', status: 401, message: 'Invalid API key' }] } });
    expect(logs.filter((m) => m.includes('PAUSED'))).toHaveLength(1);
    expect((await node.outbox.depth()).pending).toBe(5);

    use(fixed);
    await settled();
    expect(fixed.users()).toHaveLength(5);
    expect(node.delivery.health!()).toEqual({ ok: true, paused: [] });
    expect(await node.deadLetters.count()).toBe(0);
  });

  it('keeps one person in order: a later submission waits while an earlier one retries', async () => {
    const { sandbox } = sandboxFor();
    const { node, settled } = await start(sandbox, { delivery: { backoff: { baseMs: 300, maxMs: 300 } } });
    sandbox.setFaults({ next: [500] });
    const ada = (n: number, name: string) => prepared(n, { identity: 'email:ada@example.com', attributes: [{ email: 'ada@example.com', first_name: name }], events: [] });
    await node.delivery.submit(ada(1, 'Ada'));
    await until(() => trackCalls(sandbox).length === 1);
    await node.delivery.submit(ada(2, 'Ada L.'));
    await settled();
    const names = trackCalls(sandbox).filter((c) => c.status === 201).flatMap((c) => (c.body as { attributes: { first_name: string }[] }).attributes.map((a) => a.first_name));
    expect(names).toEqual(['Ada', 'Ada L.']);
    expect(sandbox.users()[0]?.attributes.first_name).toBe('Ada L.');
  });

  it('dead-letters a submission still failing after giveUpAfterMs, with the last answer as reason', async () => {
    const { sandbox } = sandboxFor();
    const { node, settled } = await start(sandbox, { delivery: { giveUpAfterMs: 0 } });
    sandbox.setFaults({ next: [503] });
    await node.delivery.submit(prepared(1));
    await settled();
    const [letter] = await node.deadLetters.list();
    expect(letter).toMatchObject({ id: 'sub-000001', status: 503, body: { attributes: prepared(1).attributes, events: prepared(1).events } });
    expect(letter?.reason).toMatch(/^gave up after 1 attempts .*server_error \(HTTP 503\)$/);
  });

  it('replays a dead letter through the outbox once the cause is fixed, and drops one on request', async () => {
    const strict = createSandbox({ apiKey: API_KEY, unknownGroups: 'reject' });
    const { sandbox: lenient } = sandboxFor();
    const { node, settled, use } = await start(strict);
    const group = [{ subscription_group_id: '0b0e8d3c-52b8-4e59-9a3c-7f1d2e3a4b5c', subscription_state: 'subscribed' as const }];
    await node.delivery.submit(prepared(1, { attributes: [{ email: 'visitor-1@example.com', subscription_groups: group }] }));
    await node.delivery.submit(prepared(2, { attributes: [{ email: 'visitor-2@example.com', subscription_groups: group }] }));
    await settled();
    const letters = await node.deadLetters.list();
    expect(letters.map((l) => [l.id, l.body])).toEqual([
      ['sub-000001', { attributes: [{ email: 'visitor-1@example.com', subscription_groups: group }] }],
      ['sub-000002', { attributes: [{ email: 'visitor-2@example.com', subscription_groups: group }] }],
    ]);
    // The events went through; only the refused objects wait in the dead letters.
    expect(strict.users().map((u) => u.events.length)).toEqual([1, 1]);

    use(lenient);
    expect(await node.delivery.deadLetters!.replay('sub-000001', Date.now())).toBe(true);
    expect(await node.delivery.deadLetters!.drop('sub-000002')).toBe(true);
    await settled();
    expect(lenient.users().map((u) => [u.email, u.subscription_groups])).toEqual([['visitor-1@example.com', { [group[0]!.subscription_group_id]: 'subscribed' }]]);
    expect(await node.deadLetters.count()).toBe(0);
  });
});
