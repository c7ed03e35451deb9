import { describe, expect, it } from 'vitest';
import { api } from './helpers.ts';

describe('POST /users/alias/new (braze-api.md §7)', () => {
  it('§7 creates an alias-only user without external_id and adds an alias to a known user', async () => {
    const { call, track, sandbox } = api();
    await track({ attributes: [{ external_id: 'u1' }] });
    const result = await call('/users/alias/new', { user_aliases: [{ alias_name: 'a', alias_label: 'l' }, { external_id: 'u1', alias_name: 'b', alias_label: 'l' }, { external_id: 'ghost', alias_name: 'c', alias_label: 'l' }] });
    expect(result).toEqual({ status: 201, body: { aliases_processed: 3, message: 'success' } });
    expect(sandbox.users().map((u) => [u.external_id ?? null, u.user_aliases.map((a) => a.alias_name)])).toEqual([['u1', ['b']], [null, ['a']]]);
  });

  it('§7 answers success for an existing name/label pair and changes nothing', async () => {
    const { call, sandbox } = api();
    await call('/users/alias/new', { user_aliases: [{ alias_name: 'a', alias_label: 'l' }] });
    expect(await call('/users/alias/new', { user_aliases: [{ alias_name: 'a', alias_label: 'l' }] })).toEqual({ status: 201, body: { aliases_processed: 1, message: 'success' } });
    expect(sandbox.users()).toHaveLength(1);
  });

  it('§7 refuses more than 50 aliases', async () => {
    const { call } = api();
    const user_aliases = Array.from({ length: 51 }, (_, i) => ({ alias_name: `a${i}`, alias_label: 'l' }));
    expect((await call('/users/alias/new', { user_aliases })).status).toBe(400);
  });
});

describe('POST /users/identify (braze-api.md §7)', () => {
  it('§7 gives an alias-only profile the external_id when nobody has it', async () => {
    const { call, sandbox } = api();
    await call('/users/alias/new', { user_aliases: [{ alias_name: 'v1', alias_label: 'visitor' }] });
    expect(await call('/users/identify', { aliases_to_identify: [{ external_id: 'u1', user_alias: { alias_name: 'v1', alias_label: 'visitor' } }] })).toEqual({ status: 201, body: { aliases_processed: 1, message: 'success' } });
    expect(sandbox.users()).toEqual([expect.objectContaining({ external_id: 'u1', user_aliases: [{ alias_name: 'v1', alias_label: 'visitor' }] })]);
  });

  it('§7 merges fields found only on the anonymous profile into the identified one', async () => {
    const { call, track, sandbox } = api();
    await track({ attributes: [{ external_id: 'u1', first_name: 'Known' }, { user_alias: { alias_name: 'v1', alias_label: 'visitor' }, _update_existing_only: false, first_name: 'Anon', shoe: 42 }] });
    await call('/users/identify', { aliases_to_identify: [{ external_id: 'u1', user_alias: { alias_name: 'v1', alias_label: 'visitor' } }] });
    expect(sandbox.users()).toEqual([expect.objectContaining({ external_id: 'u1', attributes: { first_name: 'Known', shoe: 42 } })]);
  });

  it('§7 attaches an external_id to an email-only profile, avoiding the duplicate-profile trap', async () => {
    const { call, track, sandbox } = api();
    await track({ attributes: [{ email: 'e@x.com', first_name: 'E' }] });
    await call('/users/identify', { emails_to_identify: [{ external_id: 'u1', email: 'e@x.com', prioritization: ['unidentified', 'most_recently_updated'] }] });
    await track({ attributes: [{ external_id: 'u1', email: 'e@x.com' }] });
    expect(sandbox.users()).toEqual([expect.objectContaining({ external_id: 'u1', email: 'e@x.com', attributes: { first_name: 'E' } })]);
  });

  it('§7 merges nothing when several profiles tie on the email, yet answers 201', async () => {
    const { call, track, sandbox } = api();
    await track({ attributes: [{ user_alias: { alias_name: 'a', alias_label: 'l' }, _update_existing_only: false, email: 't@x.com' }, { user_alias: { alias_name: 'b', alias_label: 'l' }, _update_existing_only: false, email: 't@x.com' }] });
    expect((await call('/users/identify', { emails_to_identify: [{ external_id: 'u1', email: 't@x.com', prioritization: ['unidentified'] }] })).status).toBe(201);
    expect(sandbox.users().every((u) => u.external_id === undefined)).toBe(true);
  });

  it('§7 refuses identified together with unidentified in prioritization', async () => {
    const { call } = api();
    expect((await call('/users/identify', { emails_to_identify: [{ external_id: 'u1', email: 't@x.com', prioritization: ['identified', 'unidentified'] }] })).status).toBe(400);
  });
});

describe('trigger sends (braze-api.md §6)', () => {
  it('§6 records a campaign dispatch and answers 201 with a dispatch_id', async () => {
    const { call, track, sandbox } = api();
    await track({ attributes: [{ external_id: 'u1' }] });
    const result = await call('/campaigns/trigger/send', { campaign_id: 'c1', recipients: [{ external_user_id: 'u1', trigger_properties: { coupon: 'X' } }, { external_user_id: 'ghost' }] });
    expect(result.status).toBe(201);
    expect(result.body).toEqual({ dispatch_id: expect.any(String), message: 'success' });
    expect(sandbox.dispatches()[0]?.recipients.map((r) => [r.identifier, r.sent])).toEqual([['u1', true], ['ghost', false]]);
  });

  it('§6 creates the user with send_to_existing_only false and applies attributes before sending', async () => {
    const { call, user } = api();
    await call('/campaigns/trigger/send', { campaign_id: 'c1', recipients: [{ external_user_id: 'u9', send_to_existing_only: false, attributes: { first_name: 'Nine' } }] });
    expect(user((u) => u.external_id === 'u9')?.attributes).toEqual({ first_name: 'Nine' });
  });

  it('§6 refuses broadcast with recipients, over 50 recipients, an email without prioritization, and segment_id', async () => {
    const { call } = api();
    const r = (n: number) => Array.from({ length: n }, (_, i) => ({ external_user_id: `u${i}` }));
    expect((await call('/campaigns/trigger/send', { campaign_id: 'c', broadcast: true, recipients: r(1) })).status).toBe(400);
    expect((await call('/campaigns/trigger/send', { campaign_id: 'c', recipients: r(51) })).status).toBe(400);
    expect((await call('/campaigns/trigger/send', { campaign_id: 'c', recipients: [{ email: 'a@x.com' }] })).status).toBe(400);
    expect((await call('/campaigns/trigger/send', { campaign_id: 'c', segment_id: 's' })).status).toBe(400);
    expect((await call('/campaigns/trigger/send', { recipients: r(1) })).status).toBe(400);
  });

  it('§6 accepts a Canvas context over canvas_entry_properties and refuses one over 50 KB', async () => {
    const { call } = api();
    expect((await call('/canvas/trigger/send', { canvas_id: 'k', broadcast: true, context: { a: 1 } })).status).toBe(201);
    expect((await call('/canvas/trigger/send', { canvas_id: 'k', broadcast: true, canvas_entry_properties: { a: 1 } })).status).toBe(201);
    expect((await call('/canvas/trigger/send', { canvas_id: 'k', broadcast: true, context: { a: 'x'.repeat(51 * 1024) } })).status).toBe(400);
  });

  it('§6 ignores subscription_groups in Canvas recipient attributes', async () => {
    const { call, track, user } = api();
    await track({ attributes: [{ external_id: 'u1' }] });
    await call('/canvas/trigger/send', { canvas_id: 'k', recipients: [{ external_user_id: 'u1', attributes: { first_name: 'A', subscription_groups: [{ subscription_group_id: '4f1c0a6e-8b2d-4c3e-9a51-6d2e7f8a9b01', subscription_state: 'subscribed' }] } }] });
    expect(user((u) => u.external_id === 'u1')).toMatchObject({ attributes: { first_name: 'A' }, subscription_groups: {} });
  });
});
