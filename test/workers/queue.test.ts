/**
 * The Queues consumer called the way Queues calls it, one batch at a time, with `getQueueResult`
 * showing what it acked and what it retried; Braze is the sandbox on 127.0.0.1.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { afterEach, describe, expect, it, inject } from 'vitest';
import worker from '../../proxy/adapters/cloudflare/worker.ts';
import type { MessageBatch } from '../../proxy/adapters/cloudflare/cf.ts';
import type { WorkerEnv } from '../../proxy/adapters/cloudflare/env.ts';
import type { PreparedSubmission } from '../../proxy/delivery/types.ts';
import { sandboxUser } from '../runtimes/fixture.ts';

const sandboxUrl = inject('sandboxUrl');
const setFaults = (faults: unknown) => fetch(`${sandboxUrl}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(faults) });
afterEach(() => setFaults({}));

let n = 0;
function prepared(attributes: Record<string, unknown> = {}, email = `queue-${Date.now().toString(36)}-${++n}@example.com`): PreparedSubmission {
  const id = `q-${Date.now().toString(36)}-${++n}`;
  return {
    id,
    site: 'shop',
    identity: `email:${email}`,
    attributes: [{ email, first_name: 'Ada', ...attributes }],
    events: [{ email, name: 'inlet_signup', time: new Date().toISOString(), properties: { submission_id: id } }],
    receivedAt: Date.now(),
  };
}

async function consume(queue: string, bodies: PreparedSubmission[], attempts = 1, bindings = env) {
  const batch = createMessageBatch(queue, bodies.map((body) => ({ id: `msg-${body.id}`, timestamp: new Date(), attempts, body })));
  // getQueueResult() does not report retry delays: a pass-through records them on the way to the real messages.
  const delays: Record<string, number | undefined> = {};
  const observed = {
    queue: batch.queue,
    messages: batch.messages.map((m) => ({
      id: m.id,
      timestamp: m.timestamp,
      body: m.body,
      attempts: m.attempts,
      ack: () => m.ack(),
      retry: (options?: { delaySeconds?: number }) => {
        delays[m.id] = options?.delaySeconds;
        m.retry(options);
      },
    })),
    ackAll: () => batch.ackAll(),
    retryAll: (options?: { delaySeconds?: number }) => batch.retryAll(options),
  } as unknown as MessageBatch;
  const ctx = createExecutionContext();
  await worker.queue(observed, bindings as unknown as WorkerEnv);
  return { ...(await getQueueResult(batch, ctx)), delays };
}

const trackBodies = async (): Promise<{ attributes?: Record<string, unknown>[] }[]> =>
  ((await (await fetch(`${sandboxUrl}/_sandbox/requests`)).json()) as { requests: { path: string; body?: { attributes?: Record<string, unknown>[] } }[] }).requests
    .filter((r) => r.path === '/users/track' && r.body)
    .map((r) => r.body!);

describe('Queues consumer', () => {
  it('delivers a batch in one call and acks every message', async () => {
    const bodies = [prepared(), prepared(), prepared()];
    const result = await consume('inlet-submissions', bodies);
    expect(result.explicitAcks.sort()).toEqual(bodies.map((b) => `msg-${b.id}`).sort());
    expect(result.retryMessages).toEqual([]);
    for (const b of bodies) expect((await sandboxUser(sandboxUrl, b.attributes[0]!.email!))?.attributes.first_name).toBe('Ada');
  });

  it('retries every message with a delay when Braze answers 503, and acks none', async () => {
    await setFaults({ rates: { 503: 1 } });
    const bodies = [prepared(), prepared()];
    const result = await consume('inlet-submissions', bodies);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId).sort()).toEqual(bodies.map((b) => `msg-${b.id}`).sort());
    // First failure: 1–2 s (2 s backoff ceiling with jitter), never zero.
    for (const b of bodies) expect(result.delays[`msg-${b.id}`]).toBeOneOf([1, 2]);
  });

  it('dead-letters only the object Braze refuses for good, with its reason, and acks both messages', async () => {
    const good = prepared();
    const bad = prepared({ gender: 'X' });
    const result = await consume('inlet-submissions', [good, bad]);
    expect(result.explicitAcks.sort()).toEqual([`msg-${bad.id}`, `msg-${good.id}`].sort());
    const letter = JSON.parse((await env.DEAD_LETTERS.get(`dead:${bad.id}`))!) as { reason: string; body: { attributes: unknown[]; events?: unknown[] } };
    expect(letter.reason).toBe("The value provided for the 'gender' field must be one of M, F, O, N, P or null.");
    expect(letter.body).toEqual({ attributes: [bad.attributes[0]] });
    expect(await env.DEAD_LETTERS.get(`dead:${good.id}`)).toBeNull();
  });

  it('acks a resubmitted id without sending it to Braze again', async () => {
    const body = prepared();
    await consume('inlet-submissions', [body]);
    const calls = (await trackBodies()).length;
    const again = await consume('inlet-submissions', [body, body]);
    expect(again.explicitAcks).toEqual([`msg-${body.id}`, `msg-${body.id}`]);
    expect((await trackBodies()).length).toBe(calls);
  });

  it('sends only changed attributes for an identity Braze already has (deltas in KV, with a TTL)', async () => {
    const email = `delta-${Date.now().toString(36)}@example.com`;
    await consume('inlet-submissions', [prepared({}, email)]);
    await consume('inlet-submissions', [prepared({ last_name: 'Lovelace' }, email)]);
    const sent = (await trackBodies()).flatMap((b) => b.attributes ?? []).filter((a) => a.email === email);
    expect(sent).toEqual([{ email, first_name: 'Ada' }, { email, last_name: 'Lovelace' }]);
    const keys = (await env.DELTAS.list({ prefix: 'delta:' })).keys;
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.expiration).toBeGreaterThan(Date.now() / 1000 + 24 * 3600);
  });

  it('puts a message back on the queue, uncounted, while Braze refuses the API key (401): nothing dropped, no retry used', async () => {
    const body = prepared();
    const result = await consume('inlet-submissions', [body], 1, { ...env, BRAZE_API_KEY: 'revoked-key' });
    expect(result.explicitAcks).toEqual([`msg-${body.id}`]);
    expect(result.retryMessages).toEqual([]);
    expect(await env.DEAD_LETTERS.get(`dead:${body.id}`)).toBeNull();
  });

  it('records each message arriving on the dead-letter queue as a replayable dead letter, and acks it', async () => {
    const body = prepared();
    const result = await consume('inlet-submissions-dlq', [body], 1);
    expect(result.explicitAcks).toEqual([`msg-${body.id}`]);
    const letter = JSON.parse((await env.DEAD_LETTERS.get(`dead:${body.id}`))!) as { site: string; errors: { input_array: string; index: number }[] };
    expect(letter.site).toBe('shop');
    expect(letter.errors.map((e) => [e.input_array, e.index])).toEqual([
      ['attributes', 0],
      ['events', 0],
    ]);
  });
});

describe('Queues consumer and per-site Braze workspaces', () => {
  const workspaceUrl = inject('workspaceSandboxUrl');
  it("delivers a site naming its own workspace there with that workspace's key, the others to the deployment's, never both in one call", async () => {
    const config = {
      sites: {
        shop: { origins: ['https://shop.example.com'] },
        'shop-test': { origins: ['https://shop.example.com'], braze: { endpoint: workspaceUrl, apiKey: 'env:SHOP_TEST_BRAZE_KEY' } },
      },
      forms: [],
    };
    const bindings = { ...env, FORMS: undefined, INLET_CONFIG: JSON.stringify(config), SHOP_TEST_BRAZE_KEY: 'workers-second-workspace-key' };
    const own = [prepared(), prepared()];
    const other = { ...prepared(), site: 'shop-test' };
    const result = await consume('inlet-submissions', [...own, other], 1, bindings as unknown as typeof env);
    expect(result.explicitAcks.sort()).toEqual([...own, other].map((b) => `msg-${b.id}`).sort());
    const otherEmail = (other.attributes[0] as { email: string }).email;
    expect((await sandboxUser(workspaceUrl, otherEmail))?.attributes.first_name).toBe('Ada');
    expect(await sandboxUser(sandboxUrl, otherEmail)).toBeUndefined();
    for (const b of own) expect(await sandboxUser(workspaceUrl, (b.attributes[0] as { email: string }).email)).toBeUndefined();
    expect((await trackBodies()).some((body) => JSON.stringify(body).includes(otherEmail))).toBe(false);
  });
});
