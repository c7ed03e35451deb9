/** external_id counts only when the site's backend signed it; email, else phone, identify everyone else. */
import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { routeConfig, routeSetup, SIGNING_SECRET } from './submission-route.fixtures.ts';

const sign = (id: string, secret = SIGNING_SECRET) => createHmac('sha256', secret).update(id).digest('hex');
const preferences = routeConfig({}, [{ fields: [{ name: 'first_name', type: 'text' }] }]);

describe('identity', () => {
  it('uses a signed external_id when the visitor gives no address', async () => {
    const { sandbox, post } = routeSetup(preferences);
    const response = await post({ fields: { first_name: 'Ada' }, externalId: 'user-42', signature: sign('user-42') });
    expect(response.status).toBe(202);
    expect(sandbox.users().map((u) => [u.external_id, u.attributes])).toEqual([['user-42', { first_name: 'Ada' }]]);
  });

  it('ignores an unsigned or wrongly signed external_id', async () => {
    const { sandbox, post } = routeSetup(preferences);
    for (const signature of [undefined, sign('user-43'), sign('user-42', 'other-secret'), 'zz']) {
      const response = await post({ fields: { first_name: 'Eve' }, externalId: 'user-42', ...(signature && { signature }) });
      expect(response.body).toMatchObject({ error: 'invalid_submission', fields: { externalId: [{ code: 'identity_required' }] } });
    }
    expect(sandbox.users()).toEqual([]);
  });

  it('identifies by email even with a signed external_id, so no second profile appears', async () => {
    const { sandbox, post } = routeSetup();
    await post({ fields: { email: 'ada@example.com' } });
    await post({ fields: { email: 'ada@example.com', first_name: 'Ada' }, externalId: 'user-42', signature: sign('user-42') });
    expect(sandbox.users().map((u) => [u.email, u.external_id, u.attributes])).toEqual([['ada@example.com', undefined, { first_name: 'Ada' }]]);
  });

  it('identifies by phone when no email is given', async () => {
    const { sandbox, post } = routeSetup(routeConfig({}, [{ fields: [{ name: 'email', type: 'email' }, { name: 'phone', type: 'phone', defaultCountry: 'PT' }] }]));
    expect((await post({ fields: { phone: '912 345 678' } })).status).toBe(202);
    expect((await post({ fields: { phone: '+351912345678' } })).status).toBe(202);
    expect(sandbox.users().map((u) => [u.email, u.phone, u.subscription_groups])).toEqual([[undefined, '+351912345678', { '7a3e5c2b-1d4f-4e6a-8b9c-0f1e2d3c4b5a': 'subscribed' }]]);
    expect((await post({ fields: {} })).body.fields).toEqual({ email: [{ code: 'email_or_phone_required', message: 'Enter an email address or a phone number.' }] });
  });

  it('never logs submitted values', async () => {
    const lines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation((...args) => void lines.push(args.map(String).join(' ')));
    const refused = routeSetup(undefined, { braze: { endpoint: 'http://braze.sandbox', apiKey: 'wrong-key' } });
    expect((await refused.post({ fields: { email: 'secret.person@example.com', first_name: 'Zed' }, page: 'https://shop.example.com/?email=secret.person@example.com' })).status).toBe(503);
    const { sandbox, post } = routeSetup();
    sandbox.setFaults({ rates: { 503: 1 } });
    expect((await post({ fields: { email: 'secret.person@example.com', first_name: 'Zed' } })).status).toBe(503);
    expect((await post({ fields: { email: 'secret.person@example', first_name: 'Zed' } })).status).toBe(400);
    vi.restoreAllMocks();
    expect(lines.join('\n')).not.toMatch(/secret\.person|Zed/);
  });
});
