import { env, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it, inject } from 'vitest';
import { EMAIL_GROUP, ORIGIN, signup, signupConfig, waitForUser } from '../runtimes/fixture.ts';

const sandboxUrl = inject('sandboxUrl');
const CANVAS = 'workers-confirm-canvas';

interface Logged {
  id: number;
  path: string;
  status: number | null;
  body?: { attributes?: { email?: string }[]; recipients?: { email?: string }[] };
}
interface Dispatch {
  kind: string;
  target_id: string;
  recipients: { identifier: string; sent: boolean }[];
  properties: Record<string, unknown>;
}

const requests = async (): Promise<Logged[]> => ((await (await fetch(`${sandboxUrl}/_sandbox/requests`)).json()) as { requests: Logged[] }).requests;
const dispatchesTo = async (email: string): Promise<Dispatch[]> =>
  ((await (await fetch(`${sandboxUrl}/_sandbox/dispatches`)).json()) as { dispatches: Dispatch[] }).dispatches.filter((d) => d.recipients.some((r) => r.identifier === email));
const setFaults = (faults: unknown) => fetch(`${sandboxUrl}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(faults) });

describe('email double opt-in on Cloudflare Workers (Queues consumer)', () => {
  afterEach(async () => {
    await setFaults({});
  });

  it('retries a trigger Braze answered 503 on its own: one track call, one dispatch, one consent event', async () => {
    const config = signupConfig();
    const site = config.sites.shop as Record<string, unknown>;
    site.consent = { email: 'explicit', emailDoubleOptIn: { canvasId: CANVAS } };
    await env.FORMS.put('config', JSON.stringify(config));
    const mark = Math.max(0, ...(await requests()).map((r) => r.id));
    await setFaults({ next: [503], paths: ['/canvas/trigger/send'] });

    const { email, body } = signup('worker-opt-in');
    const response = await SELF.fetch('https://inlet.example.workers.dev/v1/submissions', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);

    const deadline = Date.now() + 20_000;
    while ((await dispatchesTo(email)).length === 0) {
      if (Date.now() > deadline) throw new Error('no dispatch for the sign-up');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await dispatchesTo(email)).map((d) => [d.kind, d.target_id, d.recipients.map((r) => r.sent), d.properties.subscription_group_id])).toEqual([['canvas', CANVAS, [true], EMAIL_GROUP]]);
    const logged = await requests();
    expect(logged.filter((r) => r.path === '/users/track' && r.body?.attributes?.some((a) => a.email === email))).toHaveLength(1);
    // An injected fault answers before the body is read, so the 503 is found by position, not by recipient.
    expect(logged.filter((r) => r.id > mark && r.path === '/canvas/trigger/send').map((r) => [r.status, r.body?.recipients?.map((p) => p.email) ?? null])).toEqual([
      [503, null],
      [201, [email]],
    ]);
    const user = await waitForUser(sandboxUrl, email);
    expect(user.subscription_groups).toEqual({});
    expect(user.events.map((e) => e.name)).toEqual(['inlet_signup']);
  });
});
