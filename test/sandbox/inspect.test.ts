import { describe, expect, it } from 'vitest';
import { SANDBOX_EMAIL_GROUP } from '../../demo/sandbox/index.ts';
import { api, NOW } from './helpers.ts';

describe('inspection routes', () => {
  it('lists profiles at GET /_sandbox/users with the documented keys, without auth', async () => {
    const { track, sandbox } = api();
    await track({
      attributes: [{ email: 'ada@example.com', first_name: 'Ada', plan: 'gold', subscription_groups: [{ subscription_group_id: SANDBOX_EMAIL_GROUP, subscription_state: 'subscribed' }] }],
      events: [{ email: 'ada@example.com', name: 'inlet_signup', time: NOW, properties: { form: 'welcome' } }],
    });
    const response = await sandbox.fetch(new Request('http://x/_sandbox/users'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      users: [
        {
          braze_id: expect.stringMatching(/^[0-9a-f]{24}$/),
          user_aliases: [],
          email: 'ada@example.com',
          attributes: { first_name: 'Ada', plan: 'gold' },
          email_subscribe: 'subscribed',
          push_subscribe: 'subscribed',
          subscription_groups: { [SANDBOX_EMAIL_GROUP]: 'subscribed' },
          effective_subscription_groups: { [SANDBOX_EMAIL_GROUP]: 'subscribed' },
          events: [{ name: 'inlet_signup', time: NOW, properties: { form: 'welcome' } }],
          purchases: [],
          data_points: 4,
          created_at: NOW,
          updated_at: NOW,
        },
      ],
    });
    const filtered = await (await sandbox.fetch(new Request('http://x/_sandbox/users?email=ADA@example.com'))).json();
    expect(filtered.users).toHaveLength(1);
  });

  it('logs API requests at GET /_sandbox/requests with masked key, body, status and notes', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ external_id: 'u1', time_zone: 'Nowhere/Land' }] });
    const { requests } = await (await sandbox.fetch(new Request('http://x/_sandbox/requests'))).json();
    expect(requests).toEqual([
      {
        id: 1,
        at: NOW,
        method: 'POST',
        path: '/users/track',
        query: '',
        key: 'sand…',
        body: { attributes: [{ external_id: 'u1', time_zone: 'Nowhere/Land' }] },
        status: 201,
        outcome: 'response',
        response: { message: 'success', attributes_processed: 1 },
        notes: ['time_zone: "Nowhere/Land" is not valid, not set'],
        duration_ms: expect.any(Number),
      },
    ]);
  });

  it('empties everything with POST /_sandbox/reset', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ external_id: 'u1', plan: 'x' }] });
    expect((await sandbox.fetch(new Request('http://x/_sandbox/reset', { method: 'POST' }))).status).toBe(200);
    expect([sandbox.users(), sandbox.requests(), sandbox.dataPoints().total]).toEqual([[], [], 0]);
  });

  it('advances the simulated clock with POST /_sandbox/clock', async () => {
    const { sandbox } = api();
    const response = await sandbox.fetch(new Request('http://x/_sandbox/clock', { method: 'POST', body: '{"advance_ms":86400000}' }));
    expect(await response.json()).toEqual({ now: '2026-01-02T00:00:00.000Z' });
  });

  it('serves the live HTML page at GET /_sandbox/, polling the JSON routes', async () => {
    const { sandbox } = api();
    const response = await sandbox.fetch(new Request('http://x/_sandbox/'));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<title>Braze sandbox');
    expect(html).toContain("['users', 'datapoints', 'requests?limit=15']");
    expect(html).not.toMatch(/innerHTML/);
  });

  it('answers 404 to an unknown inspection route and is never faulted or logged', async () => {
    const { sandbox } = api({ faults: { rates: { 500: 1 } } });
    expect((await sandbox.fetch(new Request('http://x/_sandbox/nope'))).status).toBe(404);
    expect((await sandbox.fetch(new Request('http://x/_sandbox/users'))).status).toBe(200);
    expect(sandbox.requests()).toEqual([]);
  });
});
