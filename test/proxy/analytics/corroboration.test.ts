/**
 * Beacons are unauthenticated, so the verdict counts only assignments the proxy can vouch for: a
 * visitor who signed up through it in that arm, or a browser that fetched the manifest just before
 * (store.ts, CORROBORATION). Real traffic runs through the handler (manifest request, beacon,
 * sign-up); then a flood of forged `assigned` and `view` beacons for one arm, from thousands of
 * addresses, lands in the descriptive counts and leaves the verdict exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { CORROBORATION } from '../../../proxy/analytics/store.ts';
import { analyticsSetup, DAY } from './helpers.ts';
import { random } from './simulate.ts';

const experiment = (body: any) => body.experiment.verdict as { status: string; winner?: string; arms: { id: string; assigned: number; signups: number }[] };
const arms = (verdict: ReturnType<typeof experiment>) => verdict.arms.map((a) => [a.id, a.assigned, a.signups]);

describe('verdicts from corroborated assignments only', () => {
  it('a flood of forged assigned/view beacons for one arm leaves the verdict unchanged', async () => {
    const { events, manifest, submit, report, clock } = await analyticsSetup(undefined, { perIpPerMinute: 100_000, perVisitorPerMinute: 100_000 });
    const rand = random(18);
    let n = 0;
    // Eight days of real visitors, 120 per arm per day, about 12 % signing up in both arms.
    for (let day = 0; day < 8; day++) {
      for (let i = 0; i < 240; i++) {
        const visitor = `real${(n += 1)}`;
        const variant = i % 2 ? 'b' : 'a';
        const ip = `198.51.${n >> 8}.${n & 255}`;
        expect((await manifest({ 'x-test-ip': ip })).status).toBe(200);
        clock.now += 1000;
        await events({ site: 'shop', visitor, events: [{ name: 'assigned', form: 'welcome', version: 3, variant }, { name: 'view', form: 'welcome', version: 3, variant }] }, { 'x-test-ip': ip });
        if (rand() < 0.12) expect((await submit({ email: `${visitor}@example.com` }, { visitor, variant, version: 3 }, { 'x-test-ip': ip })).status).toBe(202);
      }
      clock.now += DAY - 240_000;
    }
    const before = (await report('site=shop&form=welcome&version=3')).body;
    const verdict = experiment(before);
    expect(verdict.arms.every((a) => a.assigned === 960)).toBe(true);

    // The flood: 6,000 forged visitors "assigned" to arm a and "viewing" it, from 3,000 addresses,
    // none of which fetched the manifest. Counted as arm a's traffic, a's rate would fall to a third.
    for (let i = 0; i < 6000; i++) {
      const ip = `203.0.${(i >> 1) >> 8}.${(i >> 1) & 255}`;
      await events({ site: 'shop', visitor: `fake${i}`, events: [{ name: 'assigned', form: 'welcome', version: 3, variant: 'a' }, { name: 'view', form: 'welcome', version: 3, variant: 'a' }] }, { 'x-test-ip': ip });
    }
    // And one address that does fetch the manifest, then claims many visitors: it vouches for a few only.
    await manifest({ 'x-test-ip': '192.0.2.1' });
    for (let i = 0; i < 200; i++) await events({ site: 'shop', visitor: `fetcher${i}`, events: [{ name: 'assigned', form: 'welcome', version: 3, variant: 'a' }] }, { 'x-test-ip': '192.0.2.1' });

    const after = (await report('site=shop&form=welcome&version=3')).body;
    // The flood is there in the descriptive counts (so the test could fail)…
    expect(after.variants.find((v: any) => v.id === 'a').assigned).toBe(960 + 6000 + 200);
    expect(after.variants.find((v: any) => v.id === 'a').views).toBe(960 + 6000);
    // …and the verdict is the one before it, bar the handful the fetching address vouched for.
    const flooded = experiment(after);
    expect(flooded.status).toBe(verdict.status);
    expect(flooded.winner).toBe(verdict.winner);
    expect(arms(flooded)).toEqual(arms(verdict).map(([id, assigned, signups]) => [id, id === 'a' ? (assigned as number) + CORROBORATION.vouchesPerKey : assigned, signups]));
  }, 60_000);

  it('an assignment nobody fetched the manifest for still counts once its visitor signs up in that arm', async () => {
    const { events, submit, report } = await analyticsSetup();
    await events({ site: 'shop', visitor: 'late01', events: [{ name: 'assigned', form: 'welcome', version: 3, variant: 'b' }] });
    await events({ site: 'shop', visitor: 'late02', events: [{ name: 'assigned', form: 'welcome', version: 3, variant: 'b' }] });
    expect((await submit({ email: 'late01@example.com' }, { visitor: 'late01', variant: 'b', version: 3 })).status).toBe(202);
    const verdict = experiment((await report('site=shop&form=welcome&version=3')).body);
    expect(verdict.arms.find((a) => a.id === 'b')).toMatchObject({ assigned: 1, signups: 1 });
  });
});
