import { describe, expect, it } from 'vitest';
import { SANDBOX_EMAIL_GROUP } from '../../demo/sandbox/index.ts';
import { api } from './helpers.ts';

async function profileAfter(attributes: Record<string, unknown>[], options = {}) {
  const client = api(options);
  const result = await client.track({ attributes: attributes.map((a) => ({ external_id: 'u1', ...a })) });
  return { result, profile: client.user((u) => u.external_id === 'u1'), client };
}

describe('attribute formats (braze-api.md §3)', () => {
  it('§9.21 reports BAD_EMAIL_SUBSCRIPTION_STATE for "yes" and still applies the other fields', async () => {
    const { result, profile } = await profileAfter([{ email_subscribe: 'yes', first_name: 'A' }], { errorTypes: 'code' });
    expect(result).toEqual({ status: 201, body: { message: 'success', attributes_processed: 1, errors: [{ type: 'BAD_EMAIL_SUBSCRIPTION_STATE', input_array: 'attributes', index: 0 }] } });
    expect(profile).toMatchObject({ email_subscribe: 'subscribed', attributes: { first_name: 'A' } });
  });

  it('§9.21 drops the whole object instead when invalidField is drop-object', async () => {
    const { result, profile } = await profileAfter([{ email_subscribe: 'yes', first_name: 'A' }], { invalidField: 'drop-object' });
    expect(result.status).toBe(400);
    expect(profile).toBeUndefined();
  });

  it('§9.22 reports BAD_SUBSCRIPTION_GROUP_ID for a non-UUID group id', async () => {
    const { result } = await profileAfter([{ subscription_groups: [{ subscription_group_id: 'abc', subscription_state: 'subscribed' }] }], { errorTypes: 'code' });
    expect(result.body.errors).toEqual([{ type: 'BAD_SUBSCRIPTION_GROUP_ID', input_array: 'attributes', index: 0 }]);
  });

  it('§9.22 reports BAD_SUBSCRIPTION_GROUP_STATE for "opted_in"', async () => {
    const { result, profile } = await profileAfter([{ subscription_groups: [{ subscription_group_id: SANDBOX_EMAIL_GROUP, subscription_state: 'opted_in' }] }], { errorTypes: 'code' });
    expect(result.body.errors).toEqual([{ type: 'BAD_SUBSCRIPTION_GROUP_STATE', input_array: 'attributes', index: 0 }]);
    expect(profile?.subscription_groups).toEqual({});
  });

  it('§9.22 reports BAD_SUBSCRIPTION_GROUP_ARRAY for a plain object and BAD_SUBSCRIPTION_GROUP_HASH for an incomplete item', async () => {
    const plain = await profileAfter([{ subscription_groups: { subscription_group_id: SANDBOX_EMAIL_GROUP, subscription_state: 'subscribed' } }], { errorTypes: 'code' });
    expect(plain.result.body.errors).toEqual([{ type: 'BAD_SUBSCRIPTION_GROUP_ARRAY', input_array: 'attributes', index: 0 }]);
    const hash = await profileAfter([{ subscription_groups: [{ subscription_group_id: SANDBOX_EMAIL_GROUP }] }], { errorTypes: 'code' });
    expect(hash.result.body.errors).toEqual([{ type: 'BAD_SUBSCRIPTION_GROUP_HASH', input_array: 'attributes', index: 0 }]);
  });

  it('§3 stores a valid group state and accepts an unconfigured UUID unless unknownGroups is reject', async () => {
    const other = '0b6f1a9e-3c1d-4b7e-9f2a-5d8c7e6b4a31';
    const groups = [{ subscription_group_id: SANDBOX_EMAIL_GROUP, subscription_state: 'subscribed' }, { subscription_group_id: other, subscription_state: 'unsubscribed' }];
    const accepted = await profileAfter([{ subscription_groups: groups }]);
    expect(accepted.profile?.subscription_groups).toEqual({ [SANDBOX_EMAIL_GROUP]: 'subscribed', [other]: 'unsubscribed' });
    const rejected = await profileAfter([{ subscription_groups: groups }], { unknownGroups: 'reject', errorTypes: 'code' });
    expect(rejected.result.body.errors).toEqual([{ type: 'BAD_SUBSCRIPTION_GROUP_ID', input_array: 'attributes', index: 0 }]);
    expect(rejected.profile?.subscription_groups).toEqual({ [SANDBOX_EMAIL_GROUP]: 'subscribed' });
  });

  it('§9.24 maps country "Australia" to AU and an unmappable "Narnia" to null', async () => {
    expect((await profileAfter([{ country: 'Australia' }])).profile?.attributes.country).toBe('AU');
    expect((await profileAfter([{ country: 'Narnia' }])).profile?.attributes.country).toBeNull();
    expect((await profileAfter([{ country: 'fr' }])).profile?.attributes.country).toBe('FR');
  });

  it('§9.25 flags gender "female" and does not store it; accepts M/F/O/N/P', async () => {
    const { result, profile } = await profileAfter([{ gender: 'female', first_name: 'A' }]);
    expect(result.body.errors).toEqual([{ type: "The value provided for the 'gender' field must be one of M, F, O, N, P or null.", input_array: 'attributes', index: 0 }]);
    expect(profile?.attributes).toEqual({ first_name: 'A' });
    expect((await profileAfter([{ gender: 'P' }])).profile?.attributes.gender).toBe('P');
  });

  it('§3 accepts dob as YYYY-MM-DD only', async () => {
    expect((await profileAfter([{ dob: '1990-02-28' }])).profile?.attributes.dob).toBe('1990-02-28');
    const bad = await profileAfter([{ dob: '28/02/1990' }]);
    expect(bad.result.body.errors).toHaveLength(1);
    expect(bad.profile?.attributes.dob).toBeUndefined();
  });

  it('§3 does not set an invalid time_zone or language, without an error', async () => {
    const { result, profile } = await profileAfter([{ time_zone: 'Mars/Olympus', language: 'klingon', home_city: 'Lyon' }]);
    expect(result.body).toEqual({ message: 'success', attributes_processed: 1 });
    expect(profile?.attributes).toEqual({ home_city: 'Lyon' });
    expect((await profileAfter([{ time_zone: 'Europe/Paris', language: 'fr' }])).profile?.attributes).toEqual({ time_zone: 'Europe/Paris', language: 'fr' });
  });

  it('§3 does not apply strings over 255 characters, or truncates them when configured', async () => {
    const long = 'a'.repeat(256);
    expect((await profileAfter([{ first_name: long, nickname: long }])).profile?.attributes).toEqual({});
    expect((await profileAfter([{ first_name: long, nickname: long }], { longStrings: 'truncate' })).profile?.attributes).toEqual({ first_name: 'a'.repeat(255), nickname: 'a'.repeat(255) });
  });

  it('§3 removes a value with null and stores an empty string', async () => {
    const { profile } = await profileAfter([{ first_name: 'A', shoe: 42 }, { first_name: '', shoe: null }]);
    expect(profile?.attributes).toEqual({ first_name: '' });
  });

  it('§3 treats a misspelled or differently cased standard name as a custom attribute', async () => {
    const { profile, client } = await profileAfter([{ First_Name: 'A' }]);
    expect(profile?.attributes).toEqual({ First_Name: 'A' });
    const list = await (await client.get('/custom_attributes')).json();
    expect(list.attributes.map((a: { name: string }) => a.name)).toEqual(['First_Name']);
  });

  it('§3 de-duplicates a string array; re-adding moves a value to the end', async () => {
    const { profile } = await profileAfter([{ tags: ['a', 'b', 'a', 'c'] }, { tags: { add: ['b', 'd'], remove: ['c'] } }]);
    expect(profile?.attributes.tags).toEqual(['a', 'b', 'd']);
  });

  it('§3 drops the oldest elements beyond the maximum array length', async () => {
    const { profile } = await profileAfter([{ seen: ['1', '2', '3'] }, { seen: { add: ['4', '5'] } }], { maxArrayLength: 3 });
    expect(profile?.attributes.seen).toEqual(['3', '4', '5']);
  });

  it('§3 increments a number with inc', async () => {
    const { profile } = await profileAfter([{ visits: 2 }, { visits: { inc: 3 } }]);
    expect(profile?.attributes.visits).toBe(5);
  });

  it('§3 stores ISO-8601 and the other documented time formats as times (UTC when no offset)', async () => {
    const { profile, client } = await profileAfter([{ joined: '2024-03-01', seen: '2024-03-01 10:20:30', last: '03/02/2024', far: '3500-01-01' }]);
    expect(profile?.attributes).toEqual({ joined: '2024-03-01T00:00:00.000Z', seen: '2024-03-01T10:20:30.000Z', last: '2024-03-02T00:00:00.000Z', far: '3500-01-01' });
    const types = (await (await client.get('/custom_attributes')).json()).attributes.map((a: { name: string; data_type: string }) => `${a.name}:${a.data_type}`);
    expect(types).toEqual(['far:String', 'joined:Time', 'last:Time', 'seen:Time']);
  });

  it('§3 overwrites a nested object unless _merge_objects is true', async () => {
    const over = await profileAfter([{ pet: { name: 'Rex', age: 3 } }, { pet: { age: 4 } }]);
    expect(over.profile?.attributes.pet).toEqual({ age: 4 });
    const merged = await profileAfter([{ pet: { name: 'Rex', age: 3, vet: { city: 'Lyon' } } }, { _merge_objects: true, pet: { age: 4, vet: { phone: '1' } } }]);
    expect(merged.profile?.attributes.pet).toEqual({ name: 'Rex', age: 4, vet: { city: 'Lyon', phone: '1' } });
  });

  it('§3 drops every nested-attribute update in the request when one nested value is invalid, and still succeeds', async () => {
    const client = api();
    const result = await client.track({
      attributes: [
        { external_id: 'u1', pet: { name: 'Rex' }, first_name: 'A' },
        { external_id: 'u2', car: { 'bad key': 1 } },
      ],
    });
    expect(result.body).toEqual({ message: 'success', attributes_processed: 2 });
    expect(client.user((u) => u.external_id === 'u1')?.attributes).toEqual({ first_name: 'A' });
    expect(client.sandbox.requests().at(-1)?.notes[0]).toContain('all nested-attribute updates in this request dropped');
  });

  it('§3 adds, removes and (with _merge_objects) updates items of an array of objects, in that order', async () => {
    const { profile } = await profileAfter([
      { pets: [{ id: 1, name: 'Rex' }, { id: 2, name: 'Tom' }] },
      { _merge_objects: true, pets: { $add: [{ id: 3, name: 'Kit' }], $remove: [{ $identifier_key: 'id', $identifier_value: 2 }], $update: [{ $identifier_key: 'id', $identifier_value: 3, $new_object: { name: 'Kat' } }] } },
    ]);
    expect(profile?.attributes.pets).toEqual([{ id: 1, name: 'Rex' }, { id: 3, name: 'Kat' }]);
  });

  it('§3 refuses a value whose type differs from the one fixed in the schema', async () => {
    const { profile } = await profileAfter([{ shoe_size: 'large', plan: 'gold' }], { attributeSchema: [{ name: 'shoe_size', data_type: 'Number' }] });
    expect(profile?.attributes).toEqual({ plan: 'gold' });
  });

  it('§3 drops unknown custom attributes when auto-creation is off', async () => {
    const { profile } = await profileAfter([{ known: 'y', unknown: 'n' }], { autoCreateAttributes: false, attributeSchema: [{ name: 'known', data_type: 'String' }] });
    expect(profile?.attributes).toEqual({ known: 'y' });
  });

  it('§3 stores a location and rejects a malformed one with BAD_LOCATION_UPDATE', async () => {
    expect((await profileAfter([{ current_location: { longitude: 2.35, latitude: 48.85 } }])).profile?.attributes.current_location).toEqual({ longitude: 2.35, latitude: 48.85 });
    expect((await profileAfter([{ current_location: 'Paris' }], { errorTypes: 'code' })).result.body.errors[0].type).toBe('BAD_LOCATION_UPDATE');
  });
});
