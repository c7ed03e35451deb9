/**
 * Email double opt-in: after the sign-up's `/users/track` objects are accepted, delivery triggers the
 * configured Canvas or Campaign for the address (braze-api.md §6), on the SQLite outbox, the shared
 * round (`deliverEntries`) and direct delivery, against the real in-process Braze sandbox.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_EMAIL_GROUP, type Sandbox } from '../../demo/sandbox/index.ts';
import { createBrazeClient } from '../../proxy/braze/client.ts';
import { createDeliverContext, deliverEntries, type PreparedSubmission } from '../../proxy/delivery/index.ts';
import type { MessagingTrigger } from '../../proxy/delivery/types.ts';
import { createHandler } from '../../proxy/index.ts';
import { createNodeDelivery, type NodeDelivery, type NodeDeliveryOptions } from '../../proxy/adapters/node/delivery.ts';
import { ORIGIN, post, submission } from '../helpers/proxy.ts';
import { API_KEY, ENDPOINT, prepared, sandboxFor, tempDir, trackCalls, until } from './helpers.ts';

const CANVAS = 'canvas-confirm-7';
const CAMPAIGN = 'campaign-confirm-3';
const FAST_BACKOFF = { backoff: { baseMs: 10, maxMs: 20 } };

function optInConfig(optIn: { canvasId: string } | { campaignId: string }) {
  return {
    sites: { shop: { origins: [ORIGIN], subscriptionGroups: { email: SANDBOX_EMAIL_GROUP }, consent: { email: 'implicit', emailDoubleOptIn: optIn } } },
    forms: [{ id: 'welcome', site: 'shop', steps: [{ fields: [{ name: 'email', type: 'email', required: true }] }, { success: { coupon: 'WELCOME10' } }] }],
  };
}

const triggerCalls = (sandbox: Sandbox, path = '/canvas/trigger/send') => sandbox.requests().filter((r) => r.path === path);

/** The profile as the confirmation must find it: no email group yet, one consent event pending confirmation. */
function expectPendingProfile(sandbox: Sandbox, email: string) {
  const users = sandbox.users().filter((u) => u.email === email);
  expect(users).toHaveLength(1);
  expect(users[0]!.subscription_groups[SANDBOX_EMAIL_GROUP]).toBeUndefined();
  expect(users[0]!.events.map((e) => [e.name, e.properties?.email_consent])).toEqual([['inlet_signup', 'pending_confirmation']]);
}

describe('email double opt-in through the SQLite outbox', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  const open: NodeDelivery[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((n) => n.close()));
  });

  /** `key` is read per call, so a test can fix the key mid-run as an operator would. */
  async function start(sandbox: Sandbox, options: Partial<NodeDeliveryOptions> = {}, key = { value: API_KEY }) {
    const node = await createNodeDelivery({
      path: tmp.file(`opt-in-${open.length}-${Date.now()}.sqlite`),
      braze: { endpoint: ENDPOINT, apiKey: API_KEY },
      fetch: (input, init) => {
        const request = new Request(input, init);
        request.headers.set('authorization', `Bearer ${key.value}`);
        return sandbox.fetch(request);
      },
      worker: { lingerMs: 1, pollMs: 20 },
      ...options,
    });
    open.push(node);
    const settled = () => until(async () => (await node.outbox.depth()).pending === 0);
    return { node, settled };
  }

  it('writes the profile without the email group, then triggers the Canvas once with the email and subscription_group_id', async () => {
    const { sandbox } = sandboxFor();
    const { node, settled } = await start(sandbox);
    const handler = createHandler({ config: optInConfig({ canvasId: CANVAS }), braze: { endpoint: ENDPOINT, apiKey: API_KEY }, delivery: node.delivery });
    const body = submission({ email: 'ada@example.com' });
    expect((await handler(post(body))).status).toBe(202);
    await settled();

    expectPendingProfile(sandbox, 'ada@example.com');
    expect(sandbox.dispatches().map((d) => ({ kind: d.kind, target: d.target_id, recipients: d.recipients.map((r) => [r.identifier, r.sent]), properties: d.properties }))).toEqual([
      { kind: 'canvas', target: CANVAS, recipients: [['ada@example.com', true]], properties: { form_id: 'welcome', submission_id: body.id, subscription_group_id: SANDBOX_EMAIL_GROUP } },
    ]);
    // The trigger went after the track call, and each recipient carries its own properties.
    const paths = sandbox.requests().map((r) => r.path);
    expect(paths).toEqual(['/users/track', '/canvas/trigger/send']);
    expect((triggerCalls(sandbox)[0]!.body as { recipients: unknown[] }).recipients).toEqual([
      {
        email: 'ada@example.com',
        prioritization: ['most_recently_updated'],
        send_to_existing_only: false,
        attributes: { email: 'ada@example.com' },
        context: { form_id: 'welcome', submission_id: body.id, subscription_group_id: SANDBOX_EMAIL_GROUP },
      },
    ]);
  });

  it('retries a trigger Braze answered 503 without repeating the track call: one dispatch, one consent event', async () => {
    const { sandbox } = sandboxFor({ faults: { next: [503], paths: ['/canvas/trigger/send'] } });
    const { node, settled } = await start(sandbox, { delivery: FAST_BACKOFF });
    const handler = createHandler({ config: optInConfig({ canvasId: CANVAS }), braze: { endpoint: ENDPOINT, apiKey: API_KEY }, delivery: node.delivery });
    expect((await handler(post(submission({ email: 'grace@example.com' })))).status).toBe(202);
    await settled();

    expect(triggerCalls(sandbox).map((r) => [r.status, r.fault])).toEqual([
      [503, 503],
      [201, undefined],
    ]);
    expect(trackCalls(sandbox)).toHaveLength(1);
    expect(sandbox.dispatches()).toHaveLength(1);
    expectPendingProfile(sandbox, 'grace@example.com');
    const stats = await node.delivery.stats!();
    expect([stats.delivered, stats.retried, stats.triggerCalls, stats.triggersSent]).toEqual([1, 1, 2, 1]);
  });

  it('keeps only the trigger in the outbox row while it waits to be retried', async () => {
    const { sandbox } = sandboxFor({ faults: { next: [503], paths: ['/canvas/trigger/send'] } });
    const { node } = await start(sandbox, { delivery: { backoff: { baseMs: 3_600_000, maxMs: 3_600_000 } } });
    const handler = createHandler({ config: optInConfig({ canvasId: CANVAS }), braze: { endpoint: ENDPOINT, apiKey: API_KEY }, delivery: node.delivery });
    const body = submission({ email: 'edsger@example.com' });
    await handler(post(body));
    await until(() => triggerCalls(sandbox).length === 1);
    await until(() => node.db.prepare(`SELECT state FROM outbox WHERE id = ?`).get(body.id)?.state === 'pending');

    const row = node.db.prepare(`SELECT payload, n_attributes, n_events, attempts FROM outbox WHERE id = ?`).get(body.id)!;
    const payload = JSON.parse(String(row.payload)) as PreparedSubmission;
    expect([payload.attributes, payload.events, payload.triggers?.map((t) => [t.kind, t.id])]).toEqual([[], [], [['canvas', CANVAS]]]);
    expect([row.n_attributes, row.n_events, row.attempts]).toEqual([0, 0, 1]);
  });

  it('triggers the Campaign with trigger_properties on a campaign site', async () => {
    const { sandbox } = sandboxFor();
    const { node, settled } = await start(sandbox);
    const handler = createHandler({ config: optInConfig({ campaignId: CAMPAIGN }), braze: { endpoint: ENDPOINT, apiKey: API_KEY }, delivery: node.delivery });
    const body = submission({ email: 'barbara@example.com' });
    expect((await handler(post(body))).status).toBe(202);
    await settled();

    expectPendingProfile(sandbox, 'barbara@example.com');
    expect(triggerCalls(sandbox)).toEqual([]);
    expect(sandbox.dispatches().map((d) => [d.kind, d.target_id, d.recipients.map((r) => r.identifier), d.properties.subscription_group_id])).toEqual([
      ['campaign', CAMPAIGN, ['barbara@example.com'], SANDBOX_EMAIL_GROUP],
    ]);
    const recipient = (triggerCalls(sandbox, '/campaigns/trigger/send')[0]!.body as { recipients: Record<string, unknown>[] }).recipients[0]!;
    expect(recipient.trigger_properties).toEqual({ form_id: 'welcome', submission_id: body.id, subscription_group_id: SANDBOX_EMAIL_GROUP });
  });

  it('pauses only the trigger while the key lacks canvas.trigger.send, says so on /healthz, and sends it once the key is fixed', async () => {
    const { sandbox } = sandboxFor({ keys: { 'track-only': ['users.track'] } });
    const key = { value: 'track-only' };
    const logs: string[] = [];
    const { node, settled } = await start(sandbox, { delivery: { pauseProbeMs: 30 }, worker: { lingerMs: 1, pollMs: 20, log: (m) => logs.push(m) } }, key);
    const handler = createHandler({ config: optInConfig({ canvasId: CANVAS }), braze: { endpoint: ENDPOINT, apiKey: API_KEY }, delivery: node.delivery });
    expect((await handler(post(submission({ email: 'alan@example.com' })))).status).toBe(202);
    await until(() => node.delivery.health!().ok === false);

    expectPendingProfile(sandbox, 'alan@example.com');
    expect(node.delivery.health!().paused.map((p) => [p.site, p.status])).toEqual([['shop (triggers)', 403]]);
    expect(logs.filter((m) => m.includes('PAUSED') && m.includes('canvas.trigger.send'))).toHaveLength(1);
    expect(sandbox.dispatches()).toEqual([]);

    key.value = API_KEY;
    await settled();
    expect(node.delivery.health!().ok).toBe(true);
    expect(sandbox.dispatches().map((d) => d.recipients.map((r) => r.identifier))).toEqual([['alan@example.com']]);
    expect(trackCalls(sandbox)).toHaveLength(1);
  });
});

describe('email double opt-in in one delivery round (shared by the outbox and the Queues consumer)', () => {
  const trigger = (n: number, id = CANVAS): MessagingTrigger => ({
    kind: 'canvas',
    id,
    recipient: { email: `visitor-${n}@example.com` },
    properties: { form_id: 'welcome', submission_id: `sub-${n}`, subscription_group_id: SANDBOX_EMAIL_GROUP },
  });

  it('sends the triggers of one Canvas in calls of at most 50 recipients, after the track calls', async () => {
    const { sandbox, fetch } = sandboxFor();
    const ctx = createDeliverContext({ client: createBrazeClient({ endpoint: ENDPOINT, apiKey: API_KEY, fetch }) });
    const entries = Array.from({ length: 51 }, (_, n) => ({ submission: prepared(n, { triggers: [trigger(n)] }), attempts: 0, enqueuedAt: Date.now() }));
    const settlements = await deliverEntries(entries, ctx);

    expect(settlements.every((s) => s.kind === 'done' && !s.deadLetter)).toBe(true);
    expect(triggerCalls(sandbox).map((r) => (r.body as { recipients: unknown[] }).recipients.length)).toEqual([50, 1]);
    expect(sandbox.dispatches().flatMap((d) => d.recipients.filter((r) => r.sent).map((r) => r.identifier)).sort()).toEqual(entries.map((e) => e.submission.attributes[0]!.email).sort());
    // Properties shared by every recipient go once at the top level; the per-submission ones stay per recipient.
    expect(sandbox.dispatches()[0]!.properties).toEqual({ form_id: 'welcome', subscription_group_id: SANDBOX_EMAIL_GROUP });
    const firstTrigger = sandbox.requests().findIndex((r) => r.path === '/canvas/trigger/send');
    expect(sandbox.requests().slice(firstTrigger).every((r) => r.path === '/canvas/trigger/send')).toBe(true);
  });

  it('sends no trigger for a submission whose track objects Braze refused, and keeps it in the dead letter for replay', async () => {
    const { sandbox, fetch } = sandboxFor();
    const ctx = createDeliverContext({ client: createBrazeClient({ endpoint: ENDPOINT, apiKey: API_KEY, fetch }) });
    const refused = prepared(1, { attributes: [{ email: 'not-an-email' }], events: [], triggers: [trigger(1)] });
    const [settlement] = await deliverEntries([{ submission: refused, attempts: 0, enqueuedAt: Date.now() }], ctx);

    expect(settlement).toMatchObject({ kind: 'done', dead: true, deadLetter: { triggers: [trigger(1)] } });
    expect(triggerCalls(sandbox)).toEqual([]);
    expect(sandbox.dispatches()).toEqual([]);
  });

  it('dead-letters a trigger Braze refuses for good, with the track part delivered', async () => {
    const { sandbox, fetch } = sandboxFor();
    const ctx = createDeliverContext({ client: createBrazeClient({ endpoint: ENDPOINT, apiKey: API_KEY, fetch }) });
    // An empty Canvas id: Braze answers 400 for the whole call, which no retry can change.
    const bad: MessagingTrigger = { ...trigger(2), id: '' };
    const [settlement] = await deliverEntries([{ submission: prepared(2, { triggers: [bad] }), attempts: 0, enqueuedAt: Date.now() }], ctx);

    expect(settlement).toMatchObject({ kind: 'done', dead: false, deadLetter: { status: 400, triggers: [bad], body: {} } });
    expect(sandbox.users().map((u) => u.email)).toEqual(['visitor-2@example.com']);
    expect(sandbox.dispatches()).toEqual([]);
  });
});

describe('email double opt-in with direct delivery', () => {
  function direct(sandbox: Sandbox, optIn: { canvasId: string } | { campaignId: string } = { canvasId: CANVAS }) {
    return createHandler({ config: optInConfig(optIn), braze: { endpoint: ENDPOINT, apiKey: API_KEY }, fetch: (input, init) => sandbox.fetch(new Request(input, init)) });
  }

  it('answers 202 once the profile is written and the Canvas triggered', async () => {
    const { sandbox } = sandboxFor();
    const handler = direct(sandbox);
    expect((await handler(post(submission({ email: 'ada@example.com' })))).status).toBe(202);
    expectPendingProfile(sandbox, 'ada@example.com');
    expect(sandbox.dispatches().map((d) => [d.kind, d.target_id, d.recipients.map((r) => [r.identifier, r.sent]), d.properties.subscription_group_id])).toEqual([
      ['canvas', CANVAS, [['ada@example.com', true]], SANDBOX_EMAIL_GROUP],
    ]);
  });

  it('answers 503 when only the trigger failed, and the resend sends the trigger alone', async () => {
    const { sandbox } = sandboxFor({ faults: { next: [503], paths: ['/campaigns/trigger/send'] } });
    const handler = direct(sandbox, { campaignId: CAMPAIGN });
    const body = submission({ email: 'grace@example.com' });
    const first = await handler(post(body));
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await handler(post(body))).status).toBe(202);

    expect(trackCalls(sandbox)).toHaveLength(1);
    expect(triggerCalls(sandbox, '/campaigns/trigger/send').map((r) => r.status)).toEqual([503, 201]);
    expect(sandbox.dispatches()).toHaveLength(1);
    expectPendingProfile(sandbox, 'grace@example.com');
  });
});
