import { describe, expect, it } from 'vitest';
import { api } from './helpers.ts';

const body = { attributes: [{ external_id: 'u1' }] };

describe('rate limits (braze-api.md §2.4)', () => {
  it('§2.4 sends lowercase x-ratelimit-* headers counting down, then 429 with only x-ratelimit-retry-after', async () => {
    const { post, sandbox } = api({ rateLimits: { 'users.track': { limit: 2, windowMs: 3_000 } } });
    const first = await post('/users/track', body);
    expect(Object.fromEntries([...first.headers].filter(([k]) => k.startsWith('x-ratelimit')))).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '1',
      'x-ratelimit-reset': String(Date.UTC(2026, 0, 1) / 1000 + 3),
    });
    expect((await post('/users/track', body)).headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await post('/users/track', body);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ message: 'Rate Limited' });
    expect([...limited.headers].filter(([k]) => k.startsWith('x-ratelimit'))).toEqual([['x-ratelimit-retry-after', '3']]);
    sandbox.clock.advance(3_000);
    expect((await post('/users/track', body)).status).toBe(201);
  });

  it('§2.4 can report x-ratelimit-reset as seconds remaining', async () => {
    const { post } = api({ rateLimitReset: 'seconds', rateLimits: { 'users.track': { limit: 5, windowMs: 60_000 } } });
    expect((await post('/users/track', body)).headers.get('x-ratelimit-reset')).toBe('60');
  });

  it('§2.4 keeps one counter per family: v1 and v2 subscription calls share theirs, /users/track has its own', async () => {
    const { post, call } = api({ rateLimits: { 'subscription.set': { limit: 1, windowMs: 60_000 } } });
    const set = { subscription_group_id: '4f1c0a6e-8b2d-4c3e-9a51-6d2e7f8a9b01', subscription_state: 'subscribed', external_id: 'u1' };
    expect((await call('/subscription/status/set', set)).status).toBe(201);
    expect((await call('/v2/subscription/status/set', { subscription_groups: [{ ...set, external_id: undefined, external_ids: ['u1'] }] })).status).toBe(429);
    expect((await post('/users/track', body)).status).toBe(201);
  });

  it('§2.4 resets an hourly counter on the clock hour, not on a rolling window', async () => {
    const { get, sandbox } = api({ rateLimits: { export: { limit: 1, windowMs: 3_600_000 } } });
    sandbox.clock.advance(3_599_000);
    expect((await get('/custom_attributes')).status).toBe(200);
    expect((await get('/custom_attributes')).status).toBe(429);
    sandbox.clock.advance(1_000);
    expect((await get('/custom_attributes')).status).toBe(200);
  });
});
