import { describe, expect, it } from 'vitest';
import { api, BAD_EMAIL, MISSING_ID, NO_VALID_DATA, NOW } from './helpers.ts';

const attrs = (n: number) => Array.from({ length: n }, (_, i) => ({ external_id: `u${i}`, first_name: `N${i}` }));
const events = (n: number) => Array.from({ length: n }, (_, i) => ({ external_id: `u${i}`, name: 'signed_up', time: NOW }));

describe('POST /users/track limits and responses (braze-api.md §2.4, §2.5)', () => {
  it('§9.7 accepts 75 valid attribute objects with attributes_processed 75', async () => {
    const { track, sandbox } = api();
    expect(await track({ attributes: attrs(75) })).toEqual({ status: 201, body: { message: 'success', attributes_processed: 75 } });
    expect(sandbox.users()).toHaveLength(75);
  });

  it('§9.8 rejects 76 attribute objects with 400 Max Input Length Exceeded and stores nothing', async () => {
    const { track, sandbox } = api();
    expect(await track({ attributes: attrs(76) })).toEqual({ status: 400, body: { message: 'Max Input Length Exceeded' } });
    expect(sandbox.users()).toEqual([]);
  });

  it('§9.9 rejects 50 attributes + 26 events on the combined model', async () => {
    const { track } = api();
    expect(await track({ attributes: attrs(50), events: events(26) })).toEqual({ status: 400, body: { message: 'Max Input Length Exceeded' } });
  });

  it('§9.9 accepts 50 attributes + 26 events on the legacy per-array model, and still refuses 76 in one array', async () => {
    const { track } = api({ limitMode: 'legacy' });
    expect(await track({ attributes: attrs(50), events: events(26) })).toEqual({
      status: 201,
      body: { message: 'success', attributes_processed: 50, events_processed: 26 },
    });
    expect((await track({ events: events(76) })).status).toBe(400);
  });

  it('§2.5 reports a count only for the arrays that were sent', async () => {
    const { track } = api();
    expect((await track({ events: events(1) })).body).toEqual({ message: 'success', events_processed: 1 });
    expect((await track({ attributes: attrs(1), purchases: [] })).body).toEqual({ message: 'success', attributes_processed: 1, purchases_processed: 0 });
  });

  it('§9.10 processes the first object and names the second, which lacks an identifier', async () => {
    const { track } = api();
    expect(await track({ attributes: [{ external_id: 'u1', first_name: 'A' }, { first_name: 'B' }] })).toEqual({
      status: 201,
      body: { message: 'success', attributes_processed: 1, errors: [{ type: MISSING_ID, input_array: 'attributes', index: 1 }] },
    });
  });

  it('§9.11 answers 400 with per-object errors when the only object has an invalid email', async () => {
    const { track, sandbox } = api();
    expect(await track({ attributes: [{ email: 'foo@' }] })).toEqual({
      status: 400,
      body: { message: NO_VALID_DATA, errors: [{ type: BAD_EMAIL, input_array: 'attributes', index: 0 }] },
    });
    expect(sandbox.users()).toEqual([]);
  });

  it('§9.12 rejects an email containing whitespace like any invalid email', async () => {
    const { track } = api();
    expect(await track({ attributes: [{ email: 'a b@x.com' }] })).toEqual({
      status: 400,
      body: { message: NO_VALID_DATA, errors: [{ type: BAD_EMAIL, input_array: 'attributes', index: 0 }] },
    });
  });

  it('§3 rejects the object when an invalid email is sent beside an external_id', async () => {
    const { track, sandbox } = api();
    const result = await track({ attributes: [{ external_id: 'u1', email: 'nope', first_name: 'A' }, { external_id: 'u2' }] });
    expect(result.body.errors).toEqual([{ type: BAD_EMAIL, input_array: 'attributes', index: 0 }]);
    expect(sandbox.users().map((u) => u.external_id)).toEqual(['u2']);
  });

  it('§9.13 rejects only the object carrying both external_id and user_alias', async () => {
    const { track, sandbox } = api();
    const result = await track({
      attributes: [
        { external_id: 'u1', user_alias: { alias_name: 'a', alias_label: 'l' }, first_name: 'X' },
        { external_id: 'u2', first_name: 'Y' },
      ],
    });
    expect(result.status).toBe(201);
    expect(result.body.attributes_processed).toBe(1);
    expect(result.body.errors).toEqual([{ type: expect.stringContaining("Only one of 'external_id'"), input_array: 'attributes', index: 0 }]);
    expect(sandbox.users().map((u) => u.external_id)).toEqual(['u2']);
  });

  it('§2.2 rejects an object with both external_id and braze_id', async () => {
    const { track } = api();
    expect((await track({ attributes: [{ external_id: 'u1', braze_id: 'b1' }] })).status).toBe(400);
  });

  it('§2.5 answers 400 when the body holds no object at all', async () => {
    const { track } = api();
    expect(await track({})).toEqual({ status: 400, body: { message: NO_VALID_DATA, errors: [] } });
    expect((await track({ attributes: { external_id: 'u1' } })).status).toBe(400);
  });

  it('§2.5 can report documented codes instead of texts as the error type', async () => {
    const { track } = api({ errorTypes: 'code' });
    expect((await track({ attributes: [{ email: 'foo@' }] })).body.errors).toEqual([{ type: 'EMAIL_BAD_FORMAT', input_array: 'attributes', index: 0 }]);
  });

  it('§2.4 lets several objects in one request update the same profile', async () => {
    const { track, user } = api();
    await track({ attributes: [{ external_id: 'u1', first_name: 'A' }, { external_id: 'u1', last_name: 'B' }] });
    expect(user((u) => u.external_id === 'u1')?.attributes).toEqual({ first_name: 'A', last_name: 'B' });
  });

  it('§2.1 records an event with its properties and turns a future time into now', async () => {
    const { track, user } = api();
    const result = await track({ events: [{ external_id: 'u1', name: 'signed_up', time: '2099-01-01T00:00:00Z', properties: { form: 'welcome' } }] });
    expect(result.body).toEqual({ message: 'success', events_processed: 1 });
    expect(user((u) => u.external_id === 'u1')?.events).toEqual([{ name: 'signed_up', time: NOW, properties: { form: 'welcome' } }]);
  });

  it('§2.1 rejects events without a time, with reserved or $-prefixed property names', async () => {
    const { track } = api();
    const result = await track({
      events: [
        { external_id: 'u1', name: 'a' },
        { external_id: 'u1', name: 'b', time: NOW, properties: { time: 1 } },
        { external_id: 'u1', name: 'c', time: NOW, properties: { $x: 1 } },
        { external_id: 'u1', name: 'd', time: NOW, properties: { ok: 'y' } },
      ],
    });
    expect(result.body.events_processed).toBe(1);
    expect(result.body.errors.map((e: { index: number }) => e.index)).toEqual([0, 1, 2]);
  });

  it('§2.1 validates purchases: currency, price, quantity of 100 or less', async () => {
    const { track, user } = api();
    const ok = { external_id: 'u1', product_id: 'p', currency: 'EUR', price: 9.5, time: NOW };
    const result = await track({ purchases: [ok, { ...ok, quantity: 101 }, { ...ok, currency: 'euro' }] });
    expect(result.body.purchases_processed).toBe(1);
    expect(result.body.errors.map((e: { input_array: string; index: number }) => [e.input_array, e.index])).toEqual([['purchases', 1], ['purchases', 2]]);
    expect(user((u) => u.external_id === 'u1')?.purchases[0]).toMatchObject({ product_id: 'p', quantity: 1 });
  });
});
