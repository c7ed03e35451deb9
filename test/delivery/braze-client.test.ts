import { describe, expect, it } from 'vitest';
import { createBrazeClient } from '../../proxy/braze/client.ts';
import { rateLimitWait } from '../../proxy/braze/rate-limit-headers.ts';
import { API_KEY, ENDPOINT, sandboxFor } from './helpers.ts';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const profile = { attributes: [{ email: 'ada@example.com', first_name: 'Ada' }] };

function client(options: Parameters<typeof sandboxFor>[0] = {}, extra: { timeoutMs?: number; apiKey?: string; endpoint?: string } = {}) {
  const { sandbox, fetch } = sandboxFor({ startTime: NOW, ...options });
  return { sandbox, client: createBrazeClient({ endpoint: extra.endpoint ?? ENDPOINT, apiKey: extra.apiKey ?? API_KEY, fetch, timeoutMs: extra.timeoutMs, now: () => NOW }) };
}

describe('Braze client outcome classification', () => {
  it('reads a 201 as ok, with the per-object errors and the rate-limit budget', async () => {
    const { client: c } = client({ rateLimits: { 'users.track': { limit: 2, windowMs: 3_000 } } });
    await c.track(profile);
    const outcome = await c.track({ attributes: [{ email: 'b@example.com' }, { first_name: 'nobody' }] });
    expect(outcome).toEqual({
      kind: 'ok',
      status: 201,
      errors: [{ type: "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required", input_array: 'attributes', index: 1 }],
      rateLimit: { remaining: 0, resetInMs: 3_000 },
    });
  });

  it('honours x-ratelimit-retry-after on a 429', async () => {
    const { client: c } = client({ rateLimits: { 'users.track': { limit: 1, windowMs: 60_000 } } });
    await c.track(profile);
    expect(await c.track(profile)).toEqual({ kind: 'retry', status: 429, reason: 'rate_limited', retryAfterMs: 60_000 });
  });

  it('turns injected 500 and 503 into server_error retries', async () => {
    const { sandbox, client: c } = client();
    sandbox.setFaults({ next: [500, 503] });
    expect(await c.track(profile)).toMatchObject({ kind: 'retry', status: 500, reason: 'server_error' });
    expect(await c.track(profile)).toMatchObject({ kind: 'retry', status: 503, reason: 'server_error' });
  });

  it('gives up on a hung call after its timeout and calls it a timeout', async () => {
    const { sandbox, client: c } = client({}, { timeoutMs: 50 });
    sandbox.setFaults({ next: ['hang'] });
    expect(await c.track(profile)).toEqual({ kind: 'retry', status: 0, reason: 'timeout' });
  });

  it('calls a reset connection a connection failure', async () => {
    const { sandbox, client: c } = client();
    sandbox.setFaults({ next: ['reset'] });
    expect(await c.track(profile)).toEqual({ kind: 'retry', status: 0, reason: 'connection' });
  });

  it('reports a wrong key (401) and a key without users.track (403) as auth faults', async () => {
    expect(await client({}, { apiKey: 'wrong' }).client.track(profile)).toEqual({ kind: 'auth', status: 401, message: 'Invalid API key' });
    const { client: limited } = client({ keys: { 'export-only': ['custom_attributes.get'] } }, { apiKey: 'export-only' });
    expect(await limited.track(profile)).toEqual({ kind: 'auth', status: 403, message: 'Access Denied' });
  });

  it('reports a wrong endpoint path (404) as a misconfiguration', async () => {
    expect(await client({}, { endpoint: `${ENDPOINT}/api` }).client.track(profile)).toMatchObject({ kind: 'misconfigured', status: 404 });
  });

  it('reports a whole-request refusal (400) with Braze message and errors', async () => {
    const outcome = await client().client.track({ attributes: [{ email: 'foo@' }] });
    expect(outcome).toEqual({
      kind: 'rejected',
      status: 400,
      message: "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.",
      errors: [{ type: "The value provided for the 'email' field is not a valid email.", input_array: 'attributes', index: 0 }],
    });
  });
});

describe('rate-limit headers', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it('reads x-ratelimit-reset as a UTC epoch in seconds', () => {
    expect(rateLimitWait(headers({ 'x-ratelimit-reset': String(NOW / 1000 + 42) }), NOW)).toBe(42_000);
  });

  it('reads x-ratelimit-reset as seconds remaining when it cannot be an epoch', () => {
    expect(rateLimitWait(headers({ 'x-ratelimit-reset': '42' }), NOW)).toBe(42_000);
  });

  it('prefers x-ratelimit-retry-after, then Retry-After', () => {
    expect(rateLimitWait(headers({ 'x-ratelimit-retry-after': '3', 'x-ratelimit-reset': '42' }), NOW)).toBe(3_000);
    expect(rateLimitWait(headers({ 'retry-after': '7' }), NOW)).toBe(7_000);
  });

  it('never waits a negative time for a reset already past, and ignores garbage', () => {
    expect(rateLimitWait(headers({ 'x-ratelimit-reset': String(NOW / 1000 - 10) }), NOW)).toBe(0);
    expect(rateLimitWait(headers({ 'x-ratelimit-reset': 'soon' }), NOW)).toBeUndefined();
  });
});
