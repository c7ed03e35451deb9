/** Later steps carry step 1's identity in a signed continuation and send only their new fields. */
import { describe, expect, it } from 'vitest';
import { routeSetup } from './submission-route.fixtures.ts';

describe('multi-step submissions', () => {
  it('returns a continuation after step 1 and writes step 2 onto the same profile', async () => {
    const { sandbox, post } = routeSetup();
    const first = await post({ fields: { email: 'ada@example.com', first_name: 'Ada' } });
    expect(first.status).toBe(202);
    expect(typeof first.body.continuation).toBe('string');
    const second = await post({ step: 1, continuation: first.body.continuation, fields: { phone: '06 12 34 56 78', home_city: 'Lyon' } });
    expect(second).toMatchObject({ status: 202, body: { status: 'accepted' } });
    expect(second.body.continuation).toBeUndefined();
    expect(sandbox.users().map((u) => [u.email, u.phone, u.attributes])).toEqual([['ada@example.com', '+33612345678', { first_name: 'Ada', home_city: 'Lyon' }]]);
  });

  it('refuses a later step without, with a forged, or with an expired continuation', async () => {
    const { post, advance, sandbox } = routeSetup();
    expect((await post({ step: 1, fields: { home_city: 'Lyon' } })).body.fields).toEqual({ continuation: [{ code: 'continuation_required', message: 'Start the form again from the first step.' }] });
    const first = await post({ fields: { email: 'ada@example.com' } });
    const token = first.body.continuation as string;
    const [payload, mac] = token.split('.');
    const forged = `${btoa(JSON.stringify({ v: 1, s: 'shop', f: 'welcome', st: 0, e: 'victim@example.com', exp: 4e9 })).replace(/=+$/, '')}.${mac}`;
    expect(payload).not.toBe(forged.split('.')[0]);
    expect((await post({ step: 1, continuation: forged, fields: { home_city: 'X' } })).body.fields.continuation[0].code).toBe('invalid_continuation');
    advance(24 * 3600 * 1000 + 1);
    expect((await post({ step: 1, continuation: token, fields: { home_city: 'X' } })).body.fields.continuation[0].code).toBe('expired_continuation');
    expect(sandbox.users().map((u) => u.attributes)).toEqual([{}]);
  });

  it('does not accept a token from another instance secret', async () => {
    const a = routeSetup(undefined, { secret: 'instance-a' });
    const b = routeSetup(undefined, { secret: 'instance-b' });
    const first = await a.post({ fields: { email: 'ada@example.com' } });
    expect((await b.post({ step: 1, continuation: first.body.continuation, fields: { home_city: 'X' } })).status).toBe(400);
    const shared = routeSetup(undefined, { secret: 'instance-a' });
    expect((await shared.post({ step: 1, continuation: first.body.continuation, fields: { home_city: 'X' } })).status).toBe(202);
  });
});
