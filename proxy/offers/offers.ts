/**
 * What a form hands out when a sign-up is accepted: a unique code from a pool, or a wheel prize
 * drawn here (never in the browser), bound to the person (a keyed hash of site + identity), so
 * the same address always gets the same code and prize. Bots and claims over the limits get the
 * pool's fallback without touching the pool; an empty pool gives the fallback, never an error.
 * docs/offers.md.
 */
import type { PublishedForm } from '../config/form-schema.ts';
import type { LocalizedText } from '../config/text.ts';
import type { PoolConfig, SiteOffers } from '../config/offer-schema.ts';
import { holderOf } from './holders.ts';
import { createRateLimiter } from '../security/rate-limit.ts';
import type { SiteEntry } from '../site-index.ts';
import { cryptoRandom, drawSegment } from './draw.ts';
import { signOffer } from './sign.ts';
import type { OfferStore, PoolStock, PrizeCount } from './store.ts';

/** The `offer` of a `202` answer. */
export interface OfferAnswer {
  /** The code to show (unique from a pool, a segment's fixed code, or the fallback code). */
  code?: string;
  /** The fallback message when there is no code to show. */
  message?: LocalizedText;
  /** The wheel segment drawn (index into the form's `offer.wheel.segments`). */
  segment?: number;
  /** HMAC over site, form, submission id, code and segment (proxy/offers/sign.ts). */
  signature: string;
}

export interface OfferClaim {
  /** Added to the response; undefined when the form has no offer. */
  answer?: OfferAnswer;
  /** Custom attributes for the sign-up's own `/users/track` attributes object. */
  attributes?: Record<string, string>;
}

export interface ClaimInput {
  site: SiteEntry;
  form: PublishedForm;
  /** The submission id the offer is issued for. */
  id: string;
  /** The sign-up's identity key (`email:…`); undefined for a dropped bot. */
  identity?: string;
  /** Set when the bot checks dropped the submission: it gets the fallback, never a real code. */
  bot?: string;
  ip?: string;
  now: number;
}

export interface OffersOptions {
  store?: OfferStore;
  /** Signs answers; a random key per process when absent (as for continuations). */
  secret?: string;
  random?: () => number;
  log?: (line: string) => void;
}

export interface Offers {
  claim(input: ClaimInput): Promise<OfferClaim>;
  /** Codes per pool, for the studio and analytics. */
  stock(site: string): Promise<PoolStock[]>;
  /** Wheel prizes awarded per form and segment, for analytics. */
  prizes(site: string): Promise<PrizeCount[]>;
}

const NONE: OfferClaim = {};

export function createOffers(options: OffersOptions = {}): Offers {
  const { store } = options;
  const secret = options.secret ?? Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
  const random = options.random ?? cryptoRandom;
  const log = options.log ?? ((line: string) => console.warn(line));
  const perIp = createRateLimiter(3600_000);
  const perSite = createRateLimiter(60_000);
  const warnedEmpty = new Set<string>();

  function poolOf(site: SiteEntry, name: string): PoolConfig {
    // The config check guarantees the pool exists (proxy/config/offer-rules.ts).
    return site.config.offers!.pools[name]!;
  }

  function withinLimits(site: SiteEntry, ip: string | undefined, now: number): boolean {
    const limits: SiteOffers = site.config.offers ?? { pools: {}, claimsPerIpPerHour: 10 };
    if (ip && !perIp.hit(`${site.id}:${ip}`, limits.claimsPerIpPerHour, now).allowed) return false;
    if (limits.claimsPerSitePerMinute && !perSite.hit(site.id, limits.claimsPerSitePerMinute, now).allowed) return false;
    return true;
  }

  /** A code from the pool for the holder, or the pool's fallback. */
  async function fromPool(site: SiteEntry, name: string, holder: string | undefined, fresh: boolean, now: number): Promise<{ code?: string; message?: LocalizedText; unique: boolean }> {
    const pool = poolOf(site, name);
    const fallback = { ...pool.fallback, unique: false };
    if (!store || !holder) return fallback;
    const outcome = await store.claim(site.id, name, holder, now, { fresh });
    if ('code' in outcome) {
      if (outcome.fresh) await watchStock(site.id, name, pool);
      return { code: outcome.code, unique: true };
    }
    if (fresh && !warnedEmpty.has(`${site.id}/${name}`)) {
      warnedEmpty.add(`${site.id}/${name}`);
      log(`inlet: offer pool ${site.id}/${name} is empty: sign-ups get its fallback; add codes with \`npm run codes -- import\``);
    }
    return fallback;
  }

  async function watchStock(site: string, name: string, pool: PoolConfig): Promise<void> {
    const left = await store!.left(site, name);
    if (left === pool.lowStock) log(`inlet: offer pool ${site}/${name} is low: ${left} code(s) left`);
    if (left > pool.lowStock) warnedEmpty.delete(`${site}/${name}`);
  }

  async function answer(input: ClaimInput, prize: { code?: string; message?: LocalizedText }, segment?: number): Promise<OfferAnswer> {
    const signature = await signOffer(secret, { site: input.site.id, form: input.form.id, id: input.id, code: prize.code, segment });
    return { ...(prize.code !== undefined && { code: prize.code }), ...(prize.message !== undefined && { message: prize.message }), ...(segment !== undefined && { segment }), signature };
  }

  return {
    async claim(input) {
      const offer = input.form.offer;
      if (!offer) return NONE;
      const { site, now } = input;
      const holder = !input.bot && input.identity && store ? await holderOf(await store.hashKey(), site.id, input.identity) : undefined;
      // Past the limits, a sign-up still gets back what it already holds, but claims nothing new.
      const fresh = holder !== undefined && withinLimits(site, input.ip, now);

      if ('pool' in offer) {
        const prize = await fromPool(site, offer.pool, holder, fresh, now);
        const attribute = poolOf(site, offer.pool).attribute;
        return { answer: await answer(input, prize), attributes: holder && attribute && prize.code ? { [attribute]: prize.code } : undefined };
      }

      const segments = offer.wheel.segments;
      let segment = drawSegment(segments.map((s) => s.weight), random());
      if (holder) segment = await store!.draw(site.id, input.form.id, holder, segment, now);
      const chosen = segments[segment]!;
      let prize: { code?: string; message?: LocalizedText } = chosen.code !== undefined ? { code: chosen.code } : {};
      let attributes: Record<string, string> | undefined;
      if (chosen.pool !== undefined) {
        prize = await fromPool(site, chosen.pool, holder, fresh, now);
        const attribute = poolOf(site, chosen.pool).attribute;
        if (holder && attribute && prize.code) attributes = { [attribute]: prize.code };
      }
      return { answer: await answer(input, prize, segment), attributes };
    },
    stock: async (site) => (store ? store.stock(site) : []),
    prizes: async (site) => (store ? store.prizes(site) : []),
  };
}
