/**
 * The loader's analytics: the assignment beacon (variant or holdout), the once-per-visit ping, and
 * what changes without storage consent. The manifest comes from the real proxy handler; the beacons
 * sent to /v1/events are recorded as they leave.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bootLoader, DESKTOP_UA, nextSite, setURL, setUserAgent } from './loader-helpers.ts';

const T0 = Date.parse('2026-11-02T10:00:00Z');
const variants = [{ id: 'a' }, { id: 'b', layout: 'slide-in' }];
let beacons: any[] = [];

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  setURL('https://shop.example.com/shoes?utm_source=x');
  setUserAgent(DESKTOP_UA);
  localStorage.clear();
  beacons.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Boots the loader with its beacons recorded from the first one on. */
const boot = (forms: Record<string, unknown>[], options: Parameters<typeof bootLoader>[1] = {}) => bootLoader(forms, { ...options, beacons });

describe('loader: analytics beacons', () => {
  it('sends one assignment beacon when a form is shown, with version, variant, visitor id and path, never the query', async () => {
    const t = await boot([{ id: 'ab', version: 3, variants }]);
    t.inlet('show', 'ab');
    await vi.advanceTimersByTimeAsync(0);
    const mounted = t.mounts[0]!.options;
    expect(beacons).toEqual([{ site: t.site, visitor: t.stored().id, path: '/shoes', events: [{ name: 'assigned', form: 'ab', version: 3, variant: mounted.variant }] }]);
    expect(mounted).toMatchObject({ version: 3, visitor: t.stored().id });
  });

  it('holds out the configured share: assigned, never shown, and sticky', async () => {
    let held = 0;
    for (let visitor = 0; visitor < 200; visitor++) {
      localStorage.clear();
      beacons.length = 0;
      const t = await boot([{ id: 'ab', holdout: 0.3, variants }]);
      t.inlet('show', 'ab');
      await vi.advanceTimersByTimeAsync(0);
      const variant = beacons[0]!.events[0]!.variant;
      if (variant === '_holdout') {
        held++;
        expect(t.mounts).toEqual([]);
        // The next page of the same visitor is held out again.
        beacons.length = 0;
        const again = await boot([{ id: 'ab', holdout: 0.3, variants }], { site: t.site });
        again.inlet('show', 'ab');
        await vi.advanceTimersByTimeAsync(0);
        expect(beacons[0]!.events[0]!.variant).toBe('_holdout');
        expect(again.mounts).toEqual([]);
      } else expect(t.mounts[0]!.options.variant).toBe(variant);
    }
    // 30 % of 200 is 60; ±4 standard deviations.
    expect(held).toBeGreaterThan(35);
    expect(held).toBeLessThan(85);
  });

  it('without storage consent: the first variant, no holdout, no visitor id', async () => {
    const site = nextSite();
    for (let visitor = 0; visitor < 20; visitor++) {
      beacons.length = 0;
      const t = await boot([{ id: 'ab', holdout: 0.5, variants }], { site, requireConsent: true });
      t.inlet('show', 'ab');
      await vi.advanceTimersByTimeAsync(0);
      expect(t.mounts[0]!.options.variant).toBe('a');
      expect(t.mounts[0]!.options.visitor).toBeUndefined();
      expect(beacons[0]!.visitor).toBeUndefined();
      expect(beacons[0]!.events).toEqual([{ name: 'assigned', form: 'ab', version: 1, variant: 'a' }]);
    }
  });

  it('pings once at the start of a later visit, with the pages of the visit that ended, for 30 days after assignment', async () => {
    const site = nextSite();
    let t = await boot([{ id: 'ab', variants }], { site });
    t.inlet('show', 'ab');
    await vi.advanceTimersByTimeAsync(0);
    // Two more pages in the same visit: no ping.
    for (let page = 0; page < 2; page++) await boot([{ id: 'ab', variants }], { site });
    expect(beacons.filter((b) => b.events[0].name === 'visit')).toEqual([]);
    // An hour later a new visit starts: one ping carrying the 3 pages of the first.
    vi.setSystemTime(T0 + 3600e3);
    t = await boot([{ id: 'ab', variants }], { site });
    expect(beacons.filter((b) => b.events[0].name === 'visit').map((b) => b.events[0])).toEqual([{ name: 'visit', pages: 3, started: T0 }]);
    // 31 days later: outside the window, no ping.
    beacons.length = 0;
    vi.setSystemTime(T0 + 31 * 864e5);
    await boot([{ id: 'ab', variants }], { site });
    expect(beacons.filter((b) => b.events[0].name === 'visit')).toEqual([]);
  });
});
