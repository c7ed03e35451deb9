import { describe, expect, it } from 'vitest';
import { SANDBOX_EMAIL_GROUP } from '../../demo/sandbox/index.ts';
import { api, NOW } from './helpers.ts';

async function pointsFor(attributes: Record<string, unknown>, options = {}) {
  const client = api(options);
  await client.track({ attributes: [{ external_id: 'u1', ...attributes }] });
  return client.sandbox.dataPoints().total;
}

describe('data points (braze-api.md §8)', () => {
  it('§8 bills every custom attribute sent, even when unchanged', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ external_id: 'u1', plan: 'gold' }] });
    await track({ attributes: [{ external_id: 'u1', plan: 'gold' }] });
    expect(sandbox.dataPoints()).toEqual({ total: 2, by_profile: [{ braze_id: expect.any(String), external_id: 'u1', data_points: 2 }] });
  });

  it('§8 bills standard fields and not the identifier, flags or subscription states', async () => {
    expect(await pointsFor({ email: 'a@x.com', first_name: 'A', last_name: 'B', gender: 'F', home_city: 'Lyon', country: 'FR', language: 'fr', time_zone: 'Europe/Paris', dob: '2000-01-01', phone: '+33612345678' })).toBe(10);
    expect(await pointsFor({ _update_existing_only: false, email_subscribe: 'opted_in', push_subscribe: 'subscribed', subscription_groups: [{ subscription_group_id: SANDBOX_EMAIL_GROUP, subscription_state: 'subscribed' }] })).toBe(0);
  });

  it('§8 bills a whole string array 1, each added value 1, and a no-op remove 1', async () => {
    expect(await pointsFor({ tags: ['a', 'b', 'c'] })).toBe(1);
    expect(await pointsFor({ tags: { add: ['a', 'b', 'c'] } })).toBe(3);
    expect(await pointsFor({ tags: { remove: ['absent'] } })).toBe(1);
  });

  it('§8 bills a nested object 1 per key at every level (the 7-key example costs 7)', async () => {
    const song = { song_name: 'Solea', artist_name: 'Miles Davis', album_name: 'Sketches of Spain', genre: 'Jazz', play_analytics: { count: 1000, top_10_listeners: true } };
    expect(await pointsFor({ most_played_song: song })).toBe(7);
  });

  it('§8 bills setting null 1, and nothing for a blocklisted attribute or an update that was not applied', async () => {
    expect(await pointsFor({ plan: null })).toBe(1);
    expect(await pointsFor({ secret: 'x' }, { attributeSchema: [{ name: 'secret', data_type: 'String', status: 'Blocklisted' }] })).toBe(0);
    expect(await pointsFor({ gender: 'female' })).toBe(0);
  });

  it('§8 bills a custom event or purchase 1 each (switchable)', async () => {
    const event = { external_id: 'u1', name: 'signed_up', time: NOW };
    const billed = api();
    await billed.track({ events: [event, event] });
    expect(billed.sandbox.dataPoints().total).toBe(2);
    const free = api({ billEvents: false });
    await free.track({ events: [event] });
    expect(free.sandbox.dataPoints().total).toBe(0);
  });

  it('§8 reports per profile and in total, also over GET /_sandbox/datapoints', async () => {
    const { track, sandbox } = api();
    await track({ attributes: [{ external_id: 'u1', a: 1, b: 2 }, { email: 'z@x.com' }] });
    const body = await (await sandbox.fetch(new Request('http://x/_sandbox/datapoints'))).json();
    expect(body).toEqual({
      total: 3,
      by_profile: [
        { braze_id: expect.any(String), external_id: 'u1', data_points: 2 },
        { braze_id: expect.any(String), email: 'z@x.com', data_points: 1 },
      ],
    });
  });
});
