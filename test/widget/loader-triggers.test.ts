import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { armTriggers } from '../../widget/core/triggers.ts';
import type { Trigger } from '../../proxy/config/targeting-schema.ts';
import type { VisitorState } from '../../widget/core/store.ts';
import { DESKTOP_UA, PHONE_UA, setProp, setURL, setUserAgent } from './loader-helpers.ts';

const T0 = new Date('2026-11-23T10:00:00Z').getTime();
const state = (over: Partial<VisitorState> = {}): VisitorState =>
  ({ v: 1, id: 'seed', t: T0, s: T0, c: { visits: 1, pages_per_session: 1, landing_page: '', referrer: '' }, f: {}, ...over }) as VisitorState;
const exit = (minSeconds = 3, mobile = true): Trigger => ({ exitIntent: { minSeconds, mobile } });

let fired = 0;
let off = () => {};
const arm = (triggers: Trigger[], page = T0, visitor = state()) => (off = armTriggers(triggers, page, visitor, () => (fired += 1)));
const mouseOut = (x: number, y: number, relatedTarget: EventTarget | null = null) =>
  document.dispatchEvent(new MouseEvent('mouseout', { clientX: x, clientY: y, relatedTarget, bubbles: true }));
const scrollTo = (y: number) => {
  setProp(window, 'scrollY', y);
  window.dispatchEvent(new Event('scroll'));
};

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  fired = 0;
  setUserAgent(DESKTOP_UA);
  setURL('https://shop.example.com/');
  setProp(window, 'innerHeight', 800);
  setProp(window, 'scrollY', 0);
  setProp(document.documentElement, 'scrollHeight', 4000);
  setProp(document.documentElement, 'clientWidth', 1265);
  document.body.innerHTML = '';
});
afterEach(() => {
  off();
  vi.useRealTimers();
});

describe('triggers', () => {
  it('delay counts from the page start, not from when the loader armed it', () => {
    arm([{ delay: 10 }], T0 - 4_000);
    vi.advanceTimersByTime(5_900);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(100);
    expect(fired).toBe(1);
  });

  it('timeOnSite counts from the start of the visit, across pages', () => {
    arm([{ timeOnSite: 60 }], T0, state({ s: T0 - 50_000 }));
    vi.advanceTimersByTime(9_999);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
  });

  it('pageViews fires from the Nth page of the visit on', () => {
    const on = (pages: number) => {
      fired = 0;
      arm([{ pageViews: 3 }], T0, state({ c: { visits: 1, pages_per_session: pages, landing_page: '', referrer: '' } }));
      vi.advanceTimersByTime(0);
      off();
      return fired;
    };
    expect([on(2), on(3), on(4)]).toEqual([0, 1, 1]);
  });

  it('scroll fires once the given percentage of the page was seen', () => {
    arm([{ scroll: 50 }]);
    scrollTo(1_100); // (1100 + 800) / 4000 = 47.5 %
    expect(fired).toBe(0);
    scrollTo(1_200); // 50 %
    expect(fired).toBe(1);
  });

  it('click fires on a matching element or inside one, including elements added later (delegation)', () => {
    arm([{ click: '.join-list' }]);
    document.body.innerHTML = '<a class="other">x</a>';
    document.querySelector<HTMLElement>('.other')!.click();
    expect(fired).toBe(0);
    document.body.innerHTML = '<button class="join-list"><span>Join</span></button>';
    document.querySelector('span')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(fired).toBe(1);
  });

  it('click with an invalid selector never throws into the page', () => {
    arm([{ click: '[[nope' }]);
    document.body.innerHTML = '<button>x</button>';
    expect(() => document.querySelector('button')!.click()).not.toThrow();
    expect(fired).toBe(0);
  });

  it('inactivity fires after the given seconds without input, and activity restarts the wait', () => {
    arm([{ inactivity: 30 }]);
    vi.advanceTimersByTime(20_000);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    vi.advanceTimersByTime(20_000);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(fired).toBe(1);
  });

  it('the first trigger to fire wins and disarms the others', () => {
    arm([{ delay: 5 }, { scroll: 10 }, { click: 'button' }]);
    scrollTo(1_000);
    document.body.innerHTML = '<button>x</button>';
    document.querySelector('button')!.click();
    vi.advanceTimersByTime(10_000);
    expect(fired).toBe(1);
  });

  it('disarming cancels pending timers and listeners', () => {
    arm([{ delay: 5 }, { scroll: 10 }]);
    off();
    scrollTo(3_000);
    vi.advanceTimersByTime(10_000);
    expect(fired).toBe(0);
  });
});

describe('exit intent on desktop (no false positives: scrollbar, first seconds)', () => {
  it('fires when the pointer leaves the window through the top', () => {
    arm([exit(3)], T0 - 5_000);
    mouseOut(600, -2);
    expect(fired).toBe(1);
  });

  it('waits for the minimum time on the page', () => {
    arm([exit(3)]);
    vi.advanceTimersByTime(2_000);
    mouseOut(600, 0);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1_000);
    mouseOut(600, 0);
    expect(fired).toBe(1);
  });

  it('ignores moves onto the scrollbar, out of the sides or bottom, and between elements', () => {
    arm([exit(0)]);
    mouseOut(1_270, 0); // the scrollbar sits right of clientWidth
    mouseOut(0, 400);
    mouseOut(600, 900);
    mouseOut(600, 0, document.body);
    expect(fired).toBe(0);
  });
});

describe('exit intent on phones and tablets (no pointer to leave with)', () => {
  beforeEach(() => setUserAgent(PHONE_UA, 5));

  it('fires on a fast scroll back up (half a screen within 300 ms)', () => {
    arm([exit(0)]);
    scrollTo(3_000);
    vi.advanceTimersByTime(1_000);
    scrollTo(2_800);
    vi.advanceTimersByTime(100);
    expect(fired).toBe(0);
    scrollTo(2_500);
    expect(fired).toBe(1);
  });

  it('does not fire on a slow scroll up, nor on a desktop pointer leaving', () => {
    arm([exit(0)]);
    scrollTo(3_000);
    for (let y = 2_900; y >= 1_000; y -= 100) {
      vi.advanceTimersByTime(400);
      scrollTo(y);
    }
    mouseOut(600, -1);
    expect(fired).toBe(0);
  });

  it('catches the back button with a history entry pushed after a tap, once minSeconds passed', () => {
    const length = history.length;
    arm([exit(3)]);
    document.dispatchEvent(new Event('touchend'));
    expect(history.length).toBe(length);
    vi.advanceTimersByTime(3_000);
    document.dispatchEvent(new Event('touchend'));
    expect(history.length).toBe(length + 1);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(fired).toBe(1);
  });

  it('fires when the visitor comes back after 5 s or more in another tab or app', () => {
    arm([exit(0)]);
    const setHidden = (hidden: boolean) => {
      setProp(document, 'hidden', hidden);
      document.dispatchEvent(new Event('visibilitychange'));
    };
    setHidden(true);
    vi.advanceTimersByTime(2_000);
    setHidden(false);
    expect(fired).toBe(0);
    setHidden(true);
    vi.advanceTimersByTime(5_000);
    setHidden(false);
    expect(fired).toBe(1);
  });

  it('mobile: false keeps exit intent to desktops', () => {
    arm([exit(0, false)]);
    scrollTo(3_000);
    vi.advanceTimersByTime(1_000);
    scrollTo(1_000);
    expect(fired).toBe(0);
  });
});
