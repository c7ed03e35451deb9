/** Bot checks, rate limits and Turnstile on POST /v1/submissions. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../demo/sandbox/index.ts';
import { TURNSTILE_VERIFY_URL } from '../../proxy/security/turnstile.ts';
import { isAdminToken } from '../../proxy/security/admin-token.ts';
import { routeConfig, routeSetup } from './submission-route.fixtures.ts';

describe('bot checks', () => {
  it('accepts and drops a filled honeypot or a too-fast first step, answering like a real sign-up', async () => {
    const { sandbox, post } = routeSetup();
    const honeypot = await post({ fields: { email: 'bot1@example.com' }, hp: 'http://spam' });
    const fast = await post({ fields: { email: 'bot2@example.com' }, elapsedMs: 120 });
    for (const r of [honeypot, fast]) expect(r).toMatchObject({ status: 202, body: { status: 'accepted', continuation: expect.any(String) } });
    // The decoy continuation keeps later steps quiet too.
    expect((await post({ step: 1, continuation: honeypot.body.continuation, fields: { home_city: 'X' } })).status).toBe(202);
    expect(sandbox.users()).toEqual([]);
    expect((await post({ fields: { email: 'person@example.com' }, elapsedMs: 2500 })).status).toBe(202);
    expect(sandbox.users()).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the per-IP limit, per client address', async () => {
    const { post, advance } = routeSetup(routeConfig({ rateLimit: { perIpPerMinute: 2 } }));
    expect((await post({ fields: { email: 'a@example.com' } })).status).toBe(202);
    expect((await post({ fields: { email: 'b@example.com' } })).status).toBe(202);
    const limited = await post({ fields: { email: 'c@example.com' } });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'rate_limited' });
    expect(limited.headers.get('retry-after')).toBe('30');
    expect((await post({ fields: { email: 'c@example.com' } }, {}, '198.51.100.2')).status).toBe(202);
    advance(30_000);
    expect((await post({ fields: { email: 'c@example.com' } })).status).toBe(202);
  });

  it('counts per IP only on the address the runtime adapter passes, never on request headers', async () => {
    const { post } = routeSetup(routeConfig({ rateLimit: { perIpPerMinute: 1 } }));
    const spoofed = { 'cf-connecting-ip': '203.0.113.9', 'x-forwarded-for': '203.0.113.9' };
    await post({ fields: { email: 'a@example.com' } }, spoofed, null);
    // No address from the platform: nothing fair to key on per IP, whatever the headers say.
    expect((await post({ fields: { email: 'a@example.com' } }, spoofed, null)).status).toBe(202);
  });
});

describe('Turnstile', () => {
  function withTurnstile() {
    const sandbox = createSandbox({ apiKey: 'k' });
    const verified: string[] = [];
    // Cloudflare's siteverify is a third party the tests cannot reach; it answers from its documented contract.
    const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input) !== TURNSTILE_VERIFY_URL) return sandbox.fetch(new Request(input, init));
      const form = init!.body as FormData;
      verified.push(`${form.get('secret')}:${form.get('response')}`);
      return Response.json({ success: form.get('response') === 'good-token' });
    };
    return { ...routeSetup(routeConfig({ botProtection: { turnstile: { siteKey: '1x00000000000000000000AA', secretKey: 'env:TURNSTILE' } } }), { fetch: fetcher as typeof fetch }), verified };
  }

  it('verifies the token with the secret and refuses a failed check as a field error', async () => {
    const { post, verified } = withTurnstile();
    expect((await post({ fields: { email: 'a@example.com' }, turnstile: 'good-token' })).status).toBe(202);
    const bad = await post({ fields: { email: 'a@example.com' }, turnstile: 'bad-token' });
    expect(bad).toMatchObject({ status: 400, body: { fields: { turnstile: [{ code: 'turnstile_failed', message: 'Please complete the check and try again.' }] } } });
    expect((await post({ fields: { email: 'a@example.com' } })).status).toBe(400);
    expect(verified).toEqual(['turnstile-secret:good-token', 'turnstile-secret:bad-token']);
  });
});

describe('admin token', () => {
  it('accepts only the exact bearer token', async () => {
    const request = (auth?: string) => new Request('https://x/v1/admin', { headers: auth ? { authorization: auth } : {} });
    expect(await isAdminToken(request('Bearer t0ken-value'), 't0ken-value')).toBe(true);
    for (const auth of [undefined, 'Bearer t0ken-valuE', 'Bearer t0ken-value2', 't0ken-value', 'Bearer ']) expect(await isAdminToken(request(auth), 't0ken-value')).toBe(false);
    expect(await isAdminToken(request('Bearer '), undefined)).toBe(false);
  });
});
