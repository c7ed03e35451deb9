import { describe, expect, it } from 'vitest';
import { SANDBOX_EMAIL_GROUP as EMAIL, SANDBOX_SMS_GROUP as SMS } from '../../demo/sandbox/index.ts';
import { api } from './helpers.ts';

const DAY = 24 * 3_600_000;
const BOTH = 'Either an email address or a phone number should be provided, but not both.';

describe('POST /subscription/status/set v1 (braze-api.md §4)', () => {
  it('§4 sets a group state by external_id and answers 201 success', async () => {
    const { track, call, user } = api();
    await track({ attributes: [{ external_id: 'u1', email: 'a@x.com' }] });
    expect(await call('/subscription/status/set', { subscription_group_id: EMAIL, subscription_state: 'subscribed', external_id: 'u1' })).toEqual({ status: 201, body: { message: 'success' } });
    expect(user((u) => u.external_id === 'u1')?.subscription_groups).toEqual({ [EMAIL]: 'subscribed' });
  });

  it('§4 refuses email and phone together with the documented message', async () => {
    const { call } = api();
    expect(await call('/subscription/status/set', { subscription_group_id: SMS, subscription_state: 'subscribed', email: 'a@x.com', phone: '+33612345678' })).toEqual({
      status: 400,
      body: { message: BOTH },
    });
  });

  it('§4 refuses more than 50 users in one call', async () => {
    const { call } = api();
    const ids = Array.from({ length: 51 }, (_, i) => `u${i}`);
    expect((await call('/subscription/status/set', { subscription_group_id: EMAIL, subscription_state: 'subscribed', external_id: ids })).status).toBe(400);
    expect((await call('/subscription/status/set', { subscription_group_id: EMAIL, subscription_state: 'subscribed', external_id: ids.slice(1) })).status).toBe(201);
  });

  it('§4 refuses a phone that is not E.164, and a phone on an email group', async () => {
    const { call } = api();
    const local = await call('/subscription/status/set', { subscription_group_id: SMS, subscription_state: 'subscribed', phone: '06 12 34 56 78' });
    expect(local).toEqual({ status: 400, body: { message: 'Phone number "06 12 34 56 78" is not in E.164 format (e.g. +14155550123).' } });
    expect((await call('/subscription/status/set', { subscription_group_id: EMAIL, subscription_state: 'subscribed', phone: '+33612345678' })).status).toBe(400);
  });

  it('§4 refuses an invalid state or group id', async () => {
    const { call } = api();
    expect((await call('/subscription/status/set', { subscription_group_id: EMAIL, subscription_state: 'opted_in', external_id: 'u1' })).status).toBe(400);
    expect((await call('/subscription/status/set', { subscription_group_id: 'abc', subscription_state: 'subscribed', external_id: 'u1' })).status).toBe(400);
  });

  it('§4 updates every profile that shares the email', async () => {
    const { track, call, sandbox } = api();
    await track({ attributes: [{ external_id: 'u1', email: 's@x.com' }, { external_id: 'u2', email: 's@x.com' }] });
    await call('/subscription/status/set', { subscription_group_id: EMAIL, subscription_state: 'unsubscribed', email: 's@x.com' });
    expect(sandbox.users().map((u) => u.subscription_groups[EMAIL])).toEqual(['unsubscribed', 'unsubscribed']);
  });
});

describe('POST /v2/subscription/status/set (braze-api.md §4)', () => {
  it('§4 sets several groups in one call by external_ids, mixing email and SMS', async () => {
    const { track, call, user } = api();
    await track({ attributes: [{ external_id: 'u1' }] });
    const body = { subscription_groups: [{ subscription_group_id: EMAIL, subscription_state: 'subscribed', external_ids: ['u1'] }, { subscription_group_id: SMS, subscription_state: 'unsubscribed', external_ids: ['u1'] }] };
    expect(await call('/v2/subscription/status/set', body)).toEqual({ status: 201, body: { message: 'success' } });
    expect(user((u) => u.external_id === 'u1')?.subscription_groups).toEqual({ [EMAIL]: 'subscribed', [SMS]: 'unsubscribed' });
  });

  it('§4 refuses emails and phones in the same request', async () => {
    const { call } = api();
    const body = { subscription_groups: [{ subscription_group_id: EMAIL, subscription_state: 'subscribed', emails: ['a@x.com'] }, { subscription_group_id: SMS, subscription_state: 'subscribed', phones: ['+33612345678'] }] };
    expect(await call('/v2/subscription/status/set', body)).toEqual({ status: 400, body: { message: BOTH } });
  });

  it('§4 refuses mixing email and SMS groups unless users are named by external_ids', async () => {
    const { call } = api();
    const body = { subscription_groups: [{ subscription_group_id: EMAIL, subscription_state: 'subscribed', emails: ['a@x.com'] }, { subscription_group_id: SMS, subscription_state: 'subscribed', external_ids: ['u1'] }] };
    expect((await call('/v2/subscription/status/set', body)).status).toBe(400);
  });

  it('§4 refuses non-E.164 phones and more than 50 users per entry', async () => {
    const { call } = api();
    expect((await call('/v2/subscription/status/set', { subscription_groups: [{ subscription_group_id: SMS, subscription_state: 'subscribed', phones: ['0612345678'] }] })).status).toBe(400);
    const emails = Array.from({ length: 51 }, (_, i) => `u${i}@x.com`);
    expect((await call('/v2/subscription/status/set', { subscription_groups: [{ subscription_group_id: EMAIL, subscription_state: 'subscribed', emails }] })).status).toBe(400);
  });
});

describe('GET subscription endpoints (braze-api.md §4)', () => {
  it('§4 /subscription/status/get reports Subscribed, Unsubscribed and Unknown per external_id', async () => {
    const { track, get } = api();
    await track({ attributes: [{ external_id: 'u1', subscription_groups: [{ subscription_group_id: EMAIL, subscription_state: 'subscribed' }] }, { external_id: 'u2' }] });
    const response = await get(`/subscription/status/get?subscription_group_id=${EMAIL}&external_id[]=u1&external_id[]=u2&external_id[]=u3`);
    expect(await response.json()).toEqual({ status: { u1: 'Subscribed', u2: 'Unknown', u3: 'Unknown' }, message: 'success' });
  });

  it('§4 /subscription/status/get uses only the external_id when one is given, and refuses email with phone', async () => {
    const { get } = api();
    expect((await get(`/subscription/status/get?subscription_group_id=${EMAIL}&external_id=u1&email=a@x.com&phone=%2B33612345678`)).status).toBe(200);
    const both = await get(`/subscription/status/get?subscription_group_id=${EMAIL}&email=a@x.com&phone=%2B33612345678`);
    expect(both.status).toBe(400);
    expect(await both.json()).toEqual({ message: BOTH });
  });

  it('§4 a global unsubscribe mutes every email group but the stored group state is still reported and returns on resubscribe', async () => {
    const { track, get, user } = api();
    await track({ attributes: [{ external_id: 'u1', email: 'g@x.com', subscription_groups: [{ subscription_group_id: EMAIL, subscription_state: 'subscribed' }] }] });
    await track({ attributes: [{ external_id: 'u1', email_subscribe: 'unsubscribed' }] });
    expect(await (await get(`/subscription/status/get?subscription_group_id=${EMAIL}&external_id=u1`)).json()).toEqual({ status: { u1: 'Subscribed' }, message: 'success' });
    expect(user((u) => u.external_id === 'u1')).toMatchObject({ email_subscribe: 'unsubscribed', subscription_groups: { [EMAIL]: 'subscribed' }, effective_subscription_groups: { [EMAIL]: 'unsubscribed' } });
    await track({ attributes: [{ external_id: 'u1', email_subscribe: 'opted_in' }] });
    expect(user((u) => u.external_id === 'u1')?.effective_subscription_groups).toEqual({ [EMAIL]: 'subscribed' });
  });

  it('§4 a global email state reaches every profile sharing the email', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ external_id: 'u1', email: 's@x.com' }, { external_id: 'u2', email: 's@x.com' }] });
    await track({ attributes: [{ external_id: 'u1', email_subscribe: 'unsubscribed' }] });
    expect(sandbox.users().map((u) => u.email_subscribe)).toEqual(['unsubscribed', 'unsubscribed']);
  });

  it('§4 /subscription/user/status lists only groups with a state change, with name and channel', async () => {
    const { track, get } = api();
    await track({ attributes: [{ external_id: 'u1', email: 'a@x.com', subscription_groups: [{ subscription_group_id: SMS, subscription_state: 'unsubscribed' }] }] });
    const body = await (await get('/subscription/user/status?external_id=u1')).json();
    expect(body).toEqual({
      users: [{ email: 'a@x.com', phone: null, external_id: 'u1', subscription_groups: [{ id: SMS, name: 'Sandbox SMS offers', channel: 'sms', status: 'Unsubscribed' }] }],
      total_count: 1,
      message: 'success',
    });
    expect((await get('/subscription/user/status?external_id=u1&limit=101')).status).toBe(400);
  });

  it('§1 /subscription/user/status needs subscription.groups.get', async () => {
    const { get } = api({ keys: { k: ['subscription.status.get'] } });
    expect((await get('/subscription/user/status?external_id=u1', { authorization: 'Bearer k' })).status).toBe(403);
    expect((await get(`/subscription/status/get?subscription_group_id=${EMAIL}&external_id=u1`, { authorization: 'Bearer k' })).status).toBe(200);
  });
});

describe('orphaned subscription states (braze-api.md §4)', () => {
  it('§4 keeps a state set for an unknown email and a profile created within 30 days inherits it', async () => {
    const { track, call, get, sandbox, user } = api();
    await call('/subscription/status/set', { subscription_group_id: EMAIL, subscription_state: 'subscribed', email: 'early@x.com' });
    expect(await (await get(`/subscription/status/get?subscription_group_id=${EMAIL}&email=early@x.com`)).json()).toEqual({ status: { 'early@x.com': 'Subscribed' }, message: 'success' });
    sandbox.clock.advance(29 * DAY);
    await track({ attributes: [{ external_id: 'u1', email: 'early@x.com' }] });
    expect(user((u) => u.external_id === 'u1')?.subscription_groups).toEqual({ [EMAIL]: 'subscribed' });
  });

  it('§4 forgets the orphaned state after 30 days', async () => {
    const { track, call, sandbox, user } = api();
    await call('/subscription/status/set', { subscription_group_id: SMS, subscription_state: 'subscribed', phone: '+33612345678' });
    sandbox.clock.advance(30 * DAY + 1);
    await track({ attributes: [{ external_id: 'u1', phone: '+33612345678' }] });
    expect(user((u) => u.external_id === 'u1')?.subscription_groups).toEqual({});
  });
});
