import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bootLoader, DESKTOP_UA, nextSite, setURL, setUserAgent } from './loader-helpers.ts';

const T0 = new Date('2026-11-23T10:00:00Z');
const DAY = 86_400_000;
const delay = (seconds: number) => ({ any: [{ delay: seconds }] });

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  localStorage.clear();
  setUserAgent(DESKTOP_UA);
  setURL('https://shop.example.com/');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('loader: showing', () => {
  it('fetches no UI chunk until a trigger fires, then mounts the form once', async () => {
    const t = await bootLoader([{ id: 'welcome', trigger: delay(5) }]);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(t.uiLoads()).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.mounts.map((m) => m.form.id)).toEqual(['welcome']);
  });

  it('shows one form at a time, and once per page view', async () => {
    const t = await bootLoader([
      { id: 'first', trigger: delay(1), frequency: { afterCloseDays: 0 } },
      { id: 'second', trigger: delay(1) },
    ]);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(t.mounts.map((m) => m.form.id)).toEqual(['first']);
    t.mounts[0]!.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.mounts.map((m) => m.form.id)).toEqual(['first']);
    // A new page view (here a single-page-app route) may show the next one.
    history.pushState(null, '', '/next');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(t.mounts.map((m) => m.form.id)).toEqual(['first', 'first']);
  });

  it('inlet("show", id) opens a form with no trigger, ignoring targeting and frequency', async () => {
    const t = await bootLoader([{ id: 'news', target: { path: '/never' }, frequency: { maxShows: 1 } }]);
    t.inlet('show', 'news');
    await vi.advanceTimersByTimeAsync(0);
    t.mounts[0]!.close();
    t.inlet('show', 'news');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.mounts.length).toBe(2);
  });

  it('inlet("hide") closes the open form', async () => {
    const t = await bootLoader([{ id: 'news' }]);
    const close = vi.fn();
    t.inlet('show', 'news');
    await vi.advanceTimersByTimeAsync(0);
    t.mounts[0]!.close = close;
    // The runtime holds the object mount() returned.
    t.inlet('hide');
    expect(t.mounts.length).toBe(1);
  });

  it('inlet("set", props) re-evaluates targeting: a cart-value rule arms once the page sets the value', async () => {
    const t = await bootLoader([{ id: 'cart', trigger: delay(1), target: { prop: { cartValue: { gt: 50 } } } }]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.mounts).toEqual([]);
    t.inlet('set', { cartValue: 80 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.mounts.map((m) => m.form.id)).toEqual(['cart']);
  });

  it('inlet("on", name, cb) receives the inlet:<name> events', async () => {
    const t = await bootLoader([]);
    const seen: unknown[] = [];
    t.inlet('on', 'submit', (event: CustomEvent) => seen.push(event.detail));
    window.dispatchEvent(new CustomEvent('inlet:submit', { detail: { form: 'news', step: 0 } }));
    expect(seen).toEqual([{ form: 'news', step: 0 }]);
  });

  it('passes identify() to the UI as identity, and the visit context', async () => {
    setURL('https://shop.example.com/landing?utm_source=mail&utm_campaign=spring&x=1');
    const t = await bootLoader([{ id: 'news' }]);
    t.inlet('identify', { email: 'ada@example.com' });
    t.inlet('show', 'news');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.mounts[0]!.options.identity).toEqual({ email: 'ada@example.com' });
    expect(t.mounts[0]!.options.context).toEqual({
      visits: 1,
      pages_per_session: 1,
      landing_page: 'https://shop.example.com/landing?utm_source=mail&utm_campaign=spring&x=1',
      referrer: '',
      utm_source: 'mail',
      utm_campaign: 'spring',
    });
  });
});

describe('loader: frequency (forms shown again, or not across tabs)', () => {
  it('hides a closed form for afterCloseDays, across page loads', async () => {
    const site = nextSite();
    const form = { id: 'welcome', trigger: delay(1), frequency: { afterCloseDays: 7 } };
    const first = await bootLoader([form], { site });
    await vi.advanceTimersByTimeAsync(1_000);
    first.mounts[0]!.close();
    expect(first.stored().f.welcome).toEqual({ s: 1, c: T0.getTime() + 1_000 });

    vi.setSystemTime(T0.getTime() + 6 * DAY);
    const again = await bootLoader([form], { site });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(again.mounts).toEqual([]);

    vi.setSystemTime(T0.getTime() + 7 * DAY + 2_000);
    const later = await bootLoader([form], { site });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(later.mounts.length).toBe(1);
  });

  it('never shows more than maxShows times', async () => {
    const site = nextSite();
    const form = { id: 'welcome', trigger: delay(0), frequency: { afterCloseDays: 0, maxShows: 2 } };
    const shows: number[] = [];
    for (let load = 0; load < 4; load++) {
      const t = await bootLoader([form], { site });
      await vi.advanceTimersByTimeAsync(10);
      shows.push(t.mounts.length);
    }
    expect(shows).toEqual([1, 1, 0, 0]);
  });

  it('hides a form for good once it was submitted (the default)', async () => {
    const site = nextSite();
    const form = { id: 'welcome', trigger: delay(0), frequency: { afterCloseDays: 0 } };
    const t = await bootLoader([form], { site });
    await vi.advanceTimersByTimeAsync(10);
    t.mounts[0]!.options.onEvent?.('submit', { form: 'welcome', layout: 'modal', step: 0 });
    t.mounts[0]!.close();
    vi.setSystemTime(T0.getTime() + 400 * DAY);
    const later = await bootLoader([form], { site });
    await vi.advanceTimersByTimeAsync(10);
    expect(later.mounts).toEqual([]);
  });

  it('hideAfterSubmit "site" hides it after any form of the site was submitted; false keeps showing it', async () => {
    const site = nextSite();
    const forms = [
      { id: 'quiz', trigger: delay(0), frequency: { afterCloseDays: 0, hideAfterSubmit: 'site' } },
      { id: 'bar', trigger: delay(0), frequency: { afterCloseDays: 0, hideAfterSubmit: false } },
      { id: 'news' },
    ];
    const t = await bootLoader(forms, { site });
    t.inlet('show', 'news');
    await vi.advanceTimersByTimeAsync(0);
    t.mounts[0]!.options.onEvent?.('submit', { form: 'news', layout: 'modal', step: 0 });
    t.mounts[0]!.close();
    const shown: string[] = [];
    for (let load = 0; load < 2; load++) {
      const next = await bootLoader(forms, { site });
      await vi.advanceTimersByTimeAsync(10);
      shown.push(...next.mounts.map((m) => m.form.id));
      next.mounts[0]?.options.onEvent?.('submit', { form: 'bar', layout: 'bar', step: 0 });
      next.mounts[0]?.close();
    }
    expect(shown).toEqual(['bar', 'bar']);
  });

  it('cancels a pending form when another tab closes it (storage event)', async () => {
    const site = nextSite();
    const form = { id: 'welcome', trigger: delay(10) };
    const t = await bootLoader([form], { site });
    // The other tab writes the shared state, and the browser tells this one.
    const state = t.stored();
    state.f.welcome = { s: 1, c: Date.now() };
    localStorage.setItem(`inlet:${site}`, JSON.stringify(state));
    window.dispatchEvent(new StorageEvent('storage', { key: `inlet:${site}` }));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.mounts).toEqual([]);
  });

  it('re-reads shared state when a trigger fires, so two tabs never both show it', async () => {
    const site = nextSite();
    const t = await bootLoader([{ id: 'welcome', trigger: delay(10) }], { site });
    const state = t.stored();
    state.f.welcome = { s: 1 , c: Date.now() };
    // No storage event this time (e.g. it is still queued): the check at fire time catches it.
    localStorage.setItem(`inlet:${site}`, JSON.stringify(state));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.mounts).toEqual([]);
  });

  it('works when storage throws (private mode, blocked storage), keeping state for the page', async () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const t = await bootLoader([{ id: 'welcome', trigger: delay(1), frequency: { afterCloseDays: 1 } }]);
    await vi.advanceTimersByTimeAsync(1_000);
    t.mounts[0]!.close();
    history.pushState(null, '', '/second');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.mounts.length).toBe(1);
    expect(t.mounts[0]!.options.context?.pages_per_session).toBe(1);
  });
});

describe('loader: single-page apps (a delay outliving a route change)', () => {
  const spaForm = { id: 'shoes', trigger: delay(5), target: { path: { glob: '/shoes/*' } } };

  it('cancels a pending form when the route changes to a page its rules do not match', async () => {
    setURL('https://shop.example.com/shoes/trail');
    const t = await bootLoader([spaForm]);
    await vi.advanceTimersByTimeAsync(3_000);
    history.pushState(null, '', '/checkout');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.mounts).toEqual([]);
  });

  it('arms it when the route changes to a matching page, counting the delay from that route', async () => {
    setURL('https://shop.example.com/');
    const t = await bootLoader([spaForm]);
    await vi.advanceTimersByTimeAsync(3_000);
    history.pushState(null, '', '/shoes/road');
    await vi.advanceTimersByTimeAsync(4_900);
    expect(t.mounts).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.mounts.length).toBe(1);
  });

  it('re-evaluates on popstate (back) and replaceState, counting page views only for new pages', async () => {
    setURL('https://shop.example.com/shoes/a');
    const t = await bootLoader([spaForm, { id: 'third', trigger: { any: [{ pageViews: 3 }] } }]);
    history.replaceState(null, '', '/shoes/a?sort=price');
    history.pushState(null, '', '/shoes/b');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.mounts).toEqual([]);
    history.back();
    await vi.advanceTimersByTimeAsync(50);
    expect(t.mounts.map((m) => m.form.id)).toEqual(['third']);
    expect(t.mounts[0]!.options.context?.pages_per_session).toBe(3);
  });
});

describe('loader: visits', () => {
  it('counts a new visit after 30 minutes without a page view, and tells new from returning visitors', async () => {
    const site = nextSite();
    const forms = [{ id: 'back', trigger: delay(0), target: { visitor: 'returning' }, frequency: { afterCloseDays: 0 } }];
    const first = await bootLoader(forms, { site });
    await vi.advanceTimersByTimeAsync(10);
    expect(first.mounts).toEqual([]);
    vi.setSystemTime(T0.getTime() + 29 * 60_000);
    await bootLoader(forms, { site });
    await vi.advanceTimersByTimeAsync(10);
    expect(bootLoaderState(site)).toMatchObject({ c: { visits: 1, pages_per_session: 2 } });
    vi.setSystemTime(T0.getTime() + 90 * 60_000);
    const third = await bootLoader(forms, { site });
    await vi.advanceTimersByTimeAsync(10);
    expect(third.mounts.length).toBe(1);
    expect(third.mounts[0]!.options.context).toMatchObject({ visits: 2, pages_per_session: 1 });
  });
});

function bootLoaderState(site: string) {
  return JSON.parse(localStorage.getItem(`inlet:${site}`)!);
}

describe('loader: A/B variants', () => {
  const variants = [
    { id: 'a', weight: 1 },
    { id: 'b', weight: 3, layout: 'slide-in', trigger: { any: [{ delay: 30 }] } },
  ];

  it('assigns a visitor once, applies the variant and passes its id to the UI', async () => {
    const site = nextSite();
    const picks: string[] = [];
    for (let load = 0; load < 3; load++) {
      const t = await bootLoader([{ id: 'ab', variants }], { site });
      t.inlet('show', 'ab');
      await vi.advanceTimersByTimeAsync(0);
      const { options, form } = t.mounts[0]!;
      picks.push(options.variant!);
      expect(form.layout).toBe(options.variant == 'b' ? 'slide-in' : 'modal');
    }
    expect(new Set(picks).size).toBe(1);
  });

  it('splits visitors by weight', async () => {
    const counts: Record<string, number> = { a: 0, b: 0 };
    for (let visitor = 0; visitor < 200; visitor++) {
      localStorage.clear();
      const t = await bootLoader([{ id: 'ab', variants }]);
      t.inlet('show', 'ab');
      await vi.advanceTimersByTimeAsync(0);
      counts[t.mounts[0]!.options.variant!]! += 1;
    }
    // 1:3 → about 50 of 200 on "a".
    expect(counts.a).toBeGreaterThan(30);
    expect(counts.a).toBeLessThan(75);
  });

  it("arms the variant's own trigger", async () => {
    const site = nextSite();
    let t = await bootLoader([{ id: 'ab', variants, trigger: delay(1) }], { site });
    t.inlet('show', 'ab');
    await vi.advanceTimersByTimeAsync(0);
    const variant = t.mounts[0]!.options.variant;
    localStorage.setItem(`inlet:${site}`, JSON.stringify({ ...t.stored(), f: {} }));
    t = await bootLoader([{ id: 'ab', variants, trigger: delay(1) }], { site });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.mounts.length).toBe(variant == 'b' ? 0 : 1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.mounts.length).toBe(1);
  });
});

describe('loader: preview', () => {
  it('?inlet_preview=<form> shows that form at once, ignoring triggers, targeting and frequency, and records nothing', async () => {
    const site = nextSite();
    localStorage.setItem(`inlet:${site}`, JSON.stringify({ v: 1, id: 'x', t: 0, f: { draft: { s: 9, d: 1 } } }));
    setURL('https://shop.example.com/?inlet_preview=draft');
    const t = await bootLoader([{ id: 'draft', target: { path: '/nowhere' }, frequency: { maxShows: 1 } }, { id: 'other', trigger: delay(0) }], { site });
    await vi.advanceTimersByTimeAsync(100);
    expect(t.mounts.map((m) => m.form.id)).toEqual(['draft']);
    t.mounts[0]!.close();
    expect(t.stored().f).toEqual({ draft: { s: 9, d: 1 } });
  });
});

describe('loader: consent (data-require-consent)', () => {
  it('keeps nothing in storage until inlet("consent", true), then writes what the page recorded', async () => {
    const t = await bootLoader([{ id: 'welcome', trigger: delay(1) }], { requireConsent: true });
    await vi.advanceTimersByTimeAsync(1_000);
    t.mounts[0]!.close();
    expect(t.stored()).toBeNull();
    t.inlet('consent', true);
    expect(t.stored()).toMatchObject({ v: 1, c: { visits: 1, pages_per_session: 1 }, f: { welcome: { s: 1, c: T0.getTime() + 1_000 } } });
  });

  it('erases stored state when consent is withdrawn', async () => {
    const t = await bootLoader([{ id: 'welcome' }], { requireConsent: true });
    t.inlet('consent', true);
    expect(t.stored()).not.toBeNull();
    t.inlet('consent', false);
    expect(t.stored()).toBeNull();
  });

  it('counts the page in what an earlier consented visit stored when consent comes with the stub queue', async () => {
    const site = nextSite();
    localStorage.setItem(`inlet:${site}`, JSON.stringify({ v: 1, id: 'seed', t: T0.getTime() - DAY, s: 0, c: { visits: 4, pages_per_session: 9, landing_page: '', referrer: '' }, f: {} }));
    const t = await bootLoader([{ id: 'welcome' }], { requireConsent: true, site, queue: [['consent', true]] });
    expect(t.stored()).toMatchObject({ id: 'seed', c: { visits: 5, pages_per_session: 1 } });
  });
});
