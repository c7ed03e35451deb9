import { env, SELF } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, inject } from 'vitest';
import { expectSignedUp, ORIGIN, sandboxUser, signup, signupConfig, trackCalls, waitForUser } from '../runtimes/fixture.ts';

const sandboxUrl = inject('sandboxUrl');

function post(body: unknown): Promise<Response> {
  return SELF.fetch('https://inlet.example.workers.dev/v1/submissions', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
    body: JSON.stringify(body),
  });
}

interface Logged {
  id: number;
  path: string;
  status: number | null;
  fault?: number | string;
}
const trackLog = async (): Promise<Logged[]> =>
  ((await (await fetch(`${sandboxUrl}/_sandbox/requests`)).json()) as { requests: Logged[] }).requests.filter((r) => r.path === '/users/track');

const setFaults = (faults: unknown) => fetch(`${sandboxUrl}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(faults) });

async function waitFor<T>(read: () => Promise<T | null | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('sign-ups on Cloudflare Workers (workerd): SELF.fetch → Queue → batch → Braze sandbox', () => {
  beforeEach(async () => {
    await env.FORMS.put('config', JSON.stringify(signupConfig()));
  });
  afterEach(async () => {
    await setFaults({});
  });

  it('validates, enqueues (202), and the consumer delivers the sign-ups in one batched call with their consent', async () => {
    const signups = ['Ada', 'Grace', 'Edsger'].map((first) => ({ first, ...signup('worker', first) }));
    const responses = await Promise.all(signups.map((s) => post(s.body)));
    expect(responses.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(responses[0]!.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await responses[0]!.json()).toEqual({ id: signups[0]!.body.id, status: 'accepted' });

    for (const s of signups) expectSignedUp(await waitForUser(sandboxUrl, s.email, 15_000), s.first);
    const calls = (await trackCalls(sandboxUrl)).filter((emails) => emails.some((e) => signups.some((s) => s.email === e)));
    expect(calls.map((emails) => [...emails].sort())).toEqual([signups.map((s) => s.email).sort()]);
  });

  it('refuses an invalid submission with 400 and field errors, and enqueues nothing', async () => {
    const { email, body } = signup('worker-invalid');
    const response = await post({ ...body, fields: { ...body.fields, email: 'not-an-email' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fields: Record<string, unknown> }).fields).toEqual({ email: [{ code: 'invalid_email', message: 'Enter a valid email address.' }] });
    await new Promise((r) => setTimeout(r, 1500)); // longer than the consumer's batch timeout
    expect(await sandboxUser(sandboxUrl, 'not-an-email')).toBeUndefined();
    expect(await sandboxUser(sandboxUrl, email)).toBeUndefined();
  });

  it('retries a batch Braze answered 503 to, and delivers it on the next attempt', async () => {
    const mark = Math.max(0, ...(await trackLog()).map((r) => r.id));
    await setFaults({ next: [503] });
    const { email, body } = signup('worker-retry');
    expect((await post(body)).status).toBe(202);
    expectSignedUp(await waitForUser(sandboxUrl, email, 15_000));
    const calls = (await trackLog()).filter((r) => r.id > mark);
    expect(calls.map((r) => [r.status, r.fault])).toEqual([
      [503, 503],
      [201, undefined],
    ]);
  });

  it('moves a submission Braze keeps refusing (503) to the dead-letter queue after max retries; the admin routes list and replay it', async () => {
    await setFaults({ rates: { 503: 1 } });
    const { email, body } = signup('worker-dlq');
    expect((await post(body)).status).toBe(202);
    const letter = JSON.parse(await waitFor(() => env.DEAD_LETTERS.get(`dead:${body.id}`), 'the dead letter')) as { reason: string; body: { attributes: { email: string }[] } };
    expect(letter.reason).toBe('retries exhausted on the submissions queue (max_retries in wrangler.toml)');
    expect(letter.body.attributes[0]?.email).toBe(email);
    expect(await sandboxUser(sandboxUrl, email)).toBeUndefined();

    // The admin routes list it and replay it onto the queue; with Braze back, it arrives.
    const admin = (path: string, method = 'GET') =>
      SELF.fetch(`https://inlet.example.workers.dev${path}`, { method, headers: { authorization: 'Bearer workers-test-admin-token' } });
    expect((await SELF.fetch('https://inlet.example.workers.dev/v1/admin/dead-letters')).status).toBe(401);
    const listed = (await (await admin('/v1/admin/dead-letters')).json()) as { deadLetters: { id: string }[] };
    expect(listed.deadLetters.map((l) => l.id)).toContain(body.id);
    await setFaults({});
    expect(await (await admin(`/v1/admin/dead-letters/${body.id}/replay`, 'POST')).json()).toEqual({ replayed: [body.id] });
    await waitFor(() => sandboxUser(sandboxUrl, email), 'the replayed sign-up in the sandbox');
    expect(await env.DEAD_LETTERS.get(`dead:${body.id}`)).toBeNull();
  });
});
