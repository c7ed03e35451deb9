import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../proxy/index.ts';
import { matches, device } from '../../widget/core/targeting.ts';
import type { RuleInput } from '../../proxy/config/targeting-schema.ts';
import type { VisitorState } from '../../widget/core/store.ts';
import { DESKTOP_UA, IPAD_UA, PHONE_UA, TABLET_UA, publish, setURL, setUserAgent } from './loader-helpers.ts';

const state = (c: Partial<VisitorState['c']> = {}, id = 'seed'): VisitorState =>
  ({ v: 1, id, t: 0, s: 0, c: { visits: 1, pages_per_session: 1, landing_page: '', referrer: '', ...c }, f: {} }) as VisitorState;

/** Publishes the rule through the real config parser, then evaluates it as the loader does. */
function check(rule: RuleInput, facts: { state?: VisitorState; props?: Record<string, unknown>; form?: string } = {}): boolean {
  const [form] = publish('shop', [{ id: 'f', target: rule }]);
  return matches(form!.target!, { state: facts.state ?? state(), props: facts.props ?? {}, form: facts.form ?? 'f' });
}

function configError(rule: unknown): string {
  try {
    publish('shop', [{ id: 'f', target: rule }]);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

beforeEach(() => {
  setURL('https://shop.example.com/products/trail-runner?utm_source=mail&size=42');
  setUserAgent(DESKTOP_UA);
});
afterEach(() => {
  vi.useRealTimers();
  delete (window as { dataLayer?: unknown }).dataLayer;
  delete (window as { Shop?: unknown }).Shop;
});

describe('targeting: page', () => {
  it('matches url and path exactly, by contains, by glob and by regex', () => {
    expect(check({ path: '/products/trail-runner' })).toBe(true);
    expect(check({ path: '/products' })).toBe(false);
    expect(check({ url: { contains: 'trail' } })).toBe(true);
    expect(check({ path: { glob: '/products/*' } })).toBe(true);
    expect(check({ path: { glob: '/p?oducts/*-runner' } })).toBe(true);
    expect(check({ path: { glob: '/blog/*' } })).toBe(false);
    // Glob dots are literal, and the whole value must match.
    expect(check({ path: { glob: '/products.trail*' } })).toBe(false);
    expect(check({ url: { regex: '^https://shop\\.example\\.com/products/' } })).toBe(true);
  });

  it('matches query parameters, a list meaning one of, numbers compared as numbers', () => {
    expect(check({ query: { utm_source: ['mail', 'sms'] } })).toBe(true);
    expect(check({ query: { size: { gte: 40, lt: 44 } } })).toBe(true);
    expect(check({ query: { size: 43 } })).toBe(false);
    expect(check({ query: { coupon: { exists: false } } })).toBe(true);
  });

  it('matches the referrer, empty when there is none', () => {
    expect(check({ referrer: '' })).toBe(true);
    Object.defineProperty(document, 'referrer', { value: 'https://www.google.com/search?q=shoes', configurable: true });
    expect(check({ referrer: { contains: 'google.' } })).toBe(true);
    Object.defineProperty(document, 'referrer', { value: '', configurable: true });
  });

  it('combines rules with all, any and not', () => {
    expect(check({ all: [{ path: { glob: '/products/*' } }, { not: { query: { size: 42 } } }] })).toBe(false);
    expect(check({ any: [{ path: '/cart' }, { query: { size: 42 } }] })).toBe(true);
  });

  it('fails closed on a subject or operator it does not know', () => {
    expect(matches({ future: 1 } as never, { state: state(), props: {}, form: 'f' })).toBe(false);
    expect(matches({ js: { 'location.pathname': { startsWith: '/p' } } } as never, { state: state(), props: {}, form: 'f' })).toBe(false);
  });
});

describe('targeting: device and language', () => {
  it('tells phones, tablets (iPadOS included) and desktops apart', () => {
    const kinds = [DESKTOP_UA, PHONE_UA, TABLET_UA].map((ua) => (setUserAgent(ua), device()));
    setUserAgent(IPAD_UA, 5);
    kinds.push(device());
    setUserAgent(IPAD_UA, 0);
    kinds.push(device());
    expect(kinds).toEqual(['desktop', 'mobile', 'tablet', 'tablet', 'desktop']);
    setUserAgent(PHONE_UA);
    expect(check({ device: ['mobile', 'tablet'] })).toBe(true);
  });

  it('matches the browser language by its first two letters', () => {
    Object.defineProperty(navigator, 'language', { value: 'fr-CA', configurable: true });
    expect(check({ lang: ['de', 'fr'] })).toBe(true);
    expect(check({ lang: 'en' })).toBe(false);
  });
});

describe('targeting: visitor and visit', () => {
  it('tells new from returning visitors and compares visits and pages this visit', () => {
    expect(check({ visitor: 'new' }, { state: state({ visits: 1 }) })).toBe(true);
    expect(check({ visitor: 'returning' }, { state: state({ visits: 3 }) })).toBe(true);
    expect(check({ visits: { gte: 3 } }, { state: state({ visits: 2 }) })).toBe(false);
    expect(check({ pages: { gt: 2 } }, { state: state({ pages_per_session: 3 }) })).toBe(true);
  });

  it('matches the UTM parameters the visit landed with, on later pages too', () => {
    expect(check({ utm: { campaign: { contains: 'sale' } } }, { state: state({ utm_campaign: 'winter-sale' }) })).toBe(true);
    expect(check({ utm: { utm_campaign: 'spring' } }, { state: state({ utm_campaign: 'winter-sale' }) })).toBe(false);
  });

  it('samples a sticky percentage of visitors per form', () => {
    let inside = 0;
    for (let i = 0; i < 1_000; i++) if (check({ sample: 30 }, { state: state({}, `v${i}`) })) inside += 1;
    expect(inside).toBeGreaterThan(250);
    expect(inside).toBeLessThan(350);
    const one = state({}, 'v42');
    expect(new Set([1, 2, 3].map(() => check({ sample: 50 }, { state: one })))).toHaveProperty('size', 1);
    expect(check({ sample: 0 })).toBe(false);
    expect(check({ sample: 100 })).toBe(true);
  });
});

describe('targeting: page data', () => {
  it('reads cookies, global variables by path and the latest dataLayer value', () => {
    document.cookie = 'member=gold';
    expect(check({ cookie: { member: 'gold', missing: { exists: false } } })).toBe(true);
    (window as { Shop?: unknown }).Shop = { customer: { tags: 'vip' } };
    expect(check({ js: { 'Shop.customer.tags': { contains: 'vip' }, 'Shop.nothing.here': { exists: false } } })).toBe(true);
    (window as { dataLayer?: unknown[] }).dataLayer = [{ pageType: 'home' }, { event: 'x' }, { pageType: 'product' }];
    expect(check({ dataLayer: { pageType: 'product' } })).toBe(true);
  });

  it('compares properties the page set, as numbers (cart value above X)', () => {
    expect(check({ prop: { cartValue: { gt: 50 } } }, { props: { cartValue: 80 } })).toBe(true);
    expect(check({ prop: { cartValue: { gt: 50 } } }, { props: { cartValue: '49.5' } })).toBe(false);
    expect(check({ prop: { cartValue: { gt: 50 } } })).toBe(false);
  });
});

describe('targeting: schedule', () => {
  const at = (iso: string) => vi.useFakeTimers({ now: new Date(iso), toFake: ['Date'] });

  it('checks dates, days and hours in the given time zone', () => {
    const rule: RuleInput = { time: { tz: 'Europe/Paris', from: '2026-11-27', until: '2026-11-30', days: ['fri', 'sat', 'sun', 'mon'], hours: ['08:00', '22:00'] } };
    at('2026-11-27T06:59:00Z'); // 07:59 in Paris, Friday
    expect(check(rule)).toBe(false);
    at('2026-11-27T07:00:00Z'); // 08:00
    expect(check(rule)).toBe(true);
    at('2026-11-30T20:59:00Z'); // Monday 21:59, last day
    expect(check(rule)).toBe(true);
    at('2026-12-01T08:00:00Z'); // after "until"
    expect(check(rule)).toBe(false);
    at('2026-11-26T19:00:00Z'); // before "from"
    expect(check(rule)).toBe(false);
  });

  it('handles hours that span midnight and days of the week in another zone', () => {
    const night: RuleInput = { time: { tz: 'America/New_York', hours: ['22:00', '06:00'], days: ['sat'] } };
    at('2026-11-29T04:30:00Z'); // Saturday 23:30 in New York, already Sunday in UTC
    expect(check(night)).toBe(true);
    at('2026-11-28T15:00:00Z'); // Saturday 10:00
    expect(check(night)).toBe(false);
  });
});

describe('targeting: config errors name the field and the fix', () => {
  it('rejects rules with no subject, two subjects or an unknown one', () => {
    expect(configError({})).toContain('a targeting rule has exactly one of: all, any, not, url, path');
    expect(configError({ path: '/a', url: '/b' })).toContain('a targeting rule has exactly one of');
    expect(configError({ paht: '/a' })).toMatch(/forms\[f\]\.target.*paht/);
  });

  it('rejects regular expressions that cannot compile or can backtrack for ever', () => {
    expect(configError({ path: { regex: '(' } })).toContain('not a valid regular expression');
    expect(configError({ path: { regex: '^(a+)+$' } })).toContain('nested quantifiers');
    expect(configError({ path: { regex: '^/(shoes|boots)/[a-z-]+$' } })).toBe('');
  });

  it('rejects unknown time zones, bad times and a from after until', () => {
    expect(configError({ time: { tz: 'Mars/Olympus' } })).toContain('unknown time zone');
    expect(configError({ time: { hours: ['9:00', '17:00'] } })).toContain('"HH:MM"');
    expect(configError({ time: { from: '2026-12-01', until: '2026-11-01' } })).toContain('"from" is after "until"');
  });

  it('rejects triggers with no or two kinds, and bad variants', () => {
    const form = (extra: object) => {
      try {
        parseConfig({ sites: { shop: { origins: ['https://shop.example.com'] } }, forms: [{ id: 'f', site: 'shop', steps: [{ fields: [{ name: 'email', type: 'email' }] }], ...extra }] });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(form({ trigger: { any: [{ delay: 1, scroll: 50 }] } })).toContain('forms[f].trigger.any[0]: a trigger has exactly one of: delay, timeOnSite, exitIntent');
    expect(form({ trigger: { any: [{ scroll: 150 }] } })).toContain('scroll is a percentage from 1 to 100');
    expect(form({ variants: [{ id: 'a' }, { id: 'a' }] })).toContain('variant ids must be unique');
    expect(form({ variants: [{ id: 'a', target: {} }, { id: 'b' }] })).toContain('target');
  });
});
