import { describe, expect, it } from 'vitest';
import { api } from './helpers.ts';

const HOUR = 3_600_000;

describe('identifier resolution in /users/track (braze-api.md §2.2, §2.3)', () => {
  it('§9.14 looks up by email when email and phone arrive without a primary id, and sets the phone there', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ external_id: 'p1', email: 'e@x.com' }, { external_id: 'p2', phone: '+33612345678' }] });
    await track({ attributes: [{ email: 'e@x.com', phone: '+33612345678' }] });
    const users = sandbox.users();
    expect(users).toHaveLength(2);
    expect(users.find((u) => u.external_id === 'p1')?.phone).toBe('+33612345678');
  });

  it('§9.15 creates an email-only profile, without alias, for an unknown email', async () => {
    const { track, sandbox } = api();
    expect((await track({ attributes: [{ email: 'new@x.com', first_name: 'A' }] })).body).toEqual({ message: 'success', attributes_processed: 1 });
    const [profile] = sandbox.users();
    expect(profile).toMatchObject({ email: 'new@x.com', user_aliases: [], attributes: { first_name: 'A' } });
    expect(profile).not.toHaveProperty('external_id');
  });

  it('§9.16 updates the most recently updated profile that has an external_id when an email is shared', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ external_id: 'p1', email: 's@x.com' }] });
    sandbox.clock.advance(HOUR - 60_000);
    // P2: the same email, no external_id, updated one minute ago (an alias-only profile given the email).
    await track({ attributes: [{ user_alias: { alias_name: 'v', alias_label: 'visitor' }, _update_existing_only: false, email: 's@x.com' }] });
    sandbox.clock.advance(60_000);
    await track({ attributes: [{ email: 's@x.com', first_name: 'Chosen' }] });
    const p1 = sandbox.users().find((u) => u.external_id === 'p1');
    const p2 = sandbox.users().find((u) => u.user_aliases.length > 0);
    expect(p1?.attributes.first_name).toBe('Chosen');
    expect(p2?.attributes.first_name).toBeUndefined();
  });

  it('§2.2 updates the most recently updated profile when none sharing the email has an external_id', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ user_alias: { alias_name: 'a', alias_label: 'l' }, _update_existing_only: false, email: 'z@x.com' }] });
    sandbox.clock.advance(1000);
    await track({ attributes: [{ user_alias: { alias_name: 'b', alias_label: 'l' }, _update_existing_only: false, email: 'z@x.com' }] });
    await track({ attributes: [{ email: 'z@x.com', first_name: 'Latest' }] });
    expect(sandbox.users().find((u) => u.user_aliases[0]?.alias_name === 'b')?.attributes.first_name).toBe('Latest');
  });

  it('§9.17 accepts an unknown external_id with _update_existing_only true but creates nothing', async () => {
    const { track, sandbox } = api();
    expect(await track({ attributes: [{ external_id: 'u-new', _update_existing_only: true, first_name: 'A' }] })).toEqual({
      status: 201,
      body: { message: 'success', attributes_processed: 1 },
    });
    expect(sandbox.users()).toEqual([]);
    expect(sandbox.dataPoints().total).toBe(0);
  });

  it('§9.18 does not create a profile for an unknown alias when the flag is omitted (update-only is the alias default)', async () => {
    const { track, sandbox } = api();
    expect((await track({ attributes: [{ user_alias: { alias_name: 'n', alias_label: 'l' }, first_name: 'A' }] })).status).toBe(201);
    expect(sandbox.users()).toEqual([]);
  });

  it('§9.19 creates an alias-only profile when _update_existing_only is false', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ user_alias: { alias_name: 'n', alias_label: 'l' }, _update_existing_only: false, first_name: 'A' }] });
    expect(sandbox.users()).toEqual([expect.objectContaining({ user_aliases: [{ alias_name: 'n', alias_label: 'l' }], attributes: { first_name: 'A' } })]);
  });

  it('§9.20 creates a second profile for a new external_id sent with an email-only profile\'s email', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ email: 'known@x.com' }] });
    await track({ attributes: [{ external_id: 'u-new', email: 'known@x.com' }] });
    const users = sandbox.users();
    expect(users).toHaveLength(2);
    expect(users.filter((u) => u.email === 'known@x.com').map((u) => u.external_id ?? null)).toEqual([null, 'u-new']);
  });

  it('§2.3 updates an existing external_id even with _update_existing_only true', async () => {
    const { track, user } = api();
    await track({ attributes: [{ external_id: 'u1' }] });
    await track({ attributes: [{ external_id: 'u1', _update_existing_only: true, first_name: 'A' }] });
    expect(user((u) => u.external_id === 'u1')?.attributes.first_name).toBe('A');
  });

  it('§2.3 does not create by email when _update_existing_only is true (switchable)', async () => {
    const strict = api();
    await strict.track({ attributes: [{ email: 'a@x.com', _update_existing_only: true }] });
    expect(strict.sandbox.users()).toEqual([]);
    const lax = api({ updateOnlyBlocksEmailCreation: false });
    await lax.track({ attributes: [{ email: 'a@x.com', _update_existing_only: true }] });
    expect(lax.sandbox.users()).toHaveLength(1);
  });

  it('§2.3 accepts and ignores an unknown braze_id', async () => {
    const { track, sandbox } = api();
    expect((await track({ attributes: [{ braze_id: 'nope', first_name: 'A' }] })).body).toEqual({ message: 'success', attributes_processed: 1 });
    expect(sandbox.users()).toEqual([]);
  });

  it('§2.2 finds a profile by braze_id', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ email: 'b@x.com' }] });
    const id = sandbox.users()[0]!.braze_id;
    await track({ attributes: [{ braze_id: id, first_name: 'B' }] });
    expect(sandbox.users()[0]?.attributes.first_name).toBe('B');
  });

  it('§2.2 looks up and creates by a valid phone, normalised to E.164', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ phone: '(202) 555-0143' }] });
    await track({ attributes: [{ phone: '+12025550143', first_name: 'P' }] });
    expect(sandbox.users()).toEqual([expect.objectContaining({ phone: '+12025550143', attributes: { first_name: 'P' } })]);
  });

  it('§2.2 rejects an invalid phone used as the only identifier', async () => {
    const { track } = api();
    const result = await track({ attributes: [{ phone: '12' }] });
    expect(result.status).toBe(400);
    expect(result.body.errors[0].type).toBe("The value provided for the 'phone' field is not a valid phone number.");
  });

  it('§9.23 rejects an external_id of 988 bytes with EXTERNAL_USER_ID_TOO_LARGE, accepts 987', async () => {
    const { track } = api({ errorTypes: 'code' });
    const result = await track({ attributes: [{ external_id: 'x'.repeat(988) }, { external_id: 'é'.repeat(493) + 'x' }] });
    expect(result.body.errors).toEqual([{ type: 'EXTERNAL_USER_ID_TOO_LARGE', input_array: 'attributes', index: 0 }]);
    expect(result.body.attributes_processed).toBe(1);
  });

  it('§2.2 refuses a blocklisted dummy external_id', async () => {
    const { track } = api();
    const result = await track({ attributes: [{ external_id: 'undefined', first_name: 'A' }] });
    expect(result.body.errors).toEqual([{ type: 'provided external_id is blacklisted and disallowed', input_array: 'attributes', index: 0 }]);
  });

  it('§2.2 matches emails case-insensitively', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ email: 'Ada@Example.com' }] });
    await track({ attributes: [{ email: 'ada@example.COM', first_name: 'Ada' }] });
    expect(sandbox.users()).toEqual([expect.objectContaining({ email: 'ada@example.com', attributes: { first_name: 'Ada' } })]);
  });
});
