/**
 * Who a beacon or a sign-up belongs to, without storing who they are. With storage consent the
 * widget's random id is the key (`v:<id>`), stable across days. Without it the key is
 * SHA-256(daily salt, site, IP, user agent): the salt is random, made on first use each UTC day
 * and deleted within 48 h, so a key cannot be recomputed later and two days never link.
 */
import type { AnalyticsStore } from './store.ts';
import type { DeviceClass } from './types.ts';

const DAY = 864e5;
const ID = /^[a-z0-9]{4,32}$/;

export interface VisitorKey {
  key: string;
  consented: 0 | 1;
}

export function createVisitorKeys(store: AnalyticsStore) {
  let today = -1;
  let salt: Promise<string> | undefined;

  function saltFor(now: number): Promise<string> {
    const day = Math.floor(now / DAY);
    if (day !== today || !salt) {
      today = day;
      salt = store.key(`salt:${new Date(day * DAY).toISOString().slice(0, 10)}`, now);
      // Yesterday's salt must outlive today's first beacons briefly; anything made over 48 h ago goes.
      store.dropKeys('salt:', now - 2 * DAY).catch(() => {});
    }
    return salt;
  }

  /** SHA-256(daily salt, site, IP, user agent): the same browser today, unlinkable to any other day. */
  async function fetchKey(site: string, userAgent: string | undefined, ip: string | undefined, now: number): Promise<string> {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${await saltFor(now)}\n${site}\n${ip ?? ''}\n${userAgent ?? ''}`));
    return 'h:' + [...new Uint8Array(digest, 0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function visitorKey(site: string, id: unknown, userAgent: string | undefined, ip: string | undefined, now: number): Promise<VisitorKey> {
    if (typeof id === 'string' && ID.test(id)) return { key: `v:${id}`, consented: 1 };
    return { key: await fetchKey(site, userAgent, ip, now), consented: 0 };
  }
  return Object.assign(visitorKey, { fetchKey });
}

/** Device class from the user agent, which is then forgotten. */
export function deviceClass(userAgent: string | undefined): DeviceClass {
  const ua = userAgent ?? '';
  if (/iPad|Tablet|Android(?!.*Mobile)/i.test(ua)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android/i.test(ua)) return 'mobile';
  return 'desktop';
}

/** The page path only: no query string or fragment (they may carry personal data), at most 200 characters. */
export function pagePath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  return value.split(/[?#]/)[0]!.slice(0, 200);
}
