/**
 * Offers in the config: code pools per site (server-only, in the site config) and what a form
 * hands out (published with the form): one pool, or a spin-to-win wheel whose segments carry their
 * labels and weights, so the odds are readable right in the config (docs/offers.md).
 */
import * as z from 'zod';
import { LocalizedText } from './text.ts';

export const PoolName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'pool names are lowercase letters, digits and "-" (e.g. "welcome-10")');
export const OfferCode = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'codes are up to 64 letters, digits, "-" or "_"');

export const PoolConfig = z
  .object({
    /** The custom attribute (declared in the site's `attributes` as "string") the claimed code is written to. */
    attribute: z.string().optional(),
    /** Codes left at which the log warns, once per crossing. */
    lowStock: z.number().int().min(0).max(10_000_000).default(50),
    /** What a sign-up gets when the pool is empty (and what a bot always gets): a generic code or a message. */
    fallback: z.object({ code: OfferCode.optional(), message: LocalizedText.optional() }).strict().default({}),
  })
  .strict();
export type PoolConfig = z.output<typeof PoolConfig>;

export const SiteOffers = z
  .object({
    pools: z.record(PoolName, PoolConfig).default({}),
    /** Claims per client address per hour; past it a sign-up is still accepted but gets the fallback. */
    claimsPerIpPerHour: z.number().int().min(1).max(1_000_000).default(10),
    /** Claims per site per minute, all addresses together; off when omitted. */
    claimsPerSitePerMinute: z.number().int().min(1).max(10_000_000).optional(),
  })
  .strict();
export type SiteOffers = z.output<typeof SiteOffers>;

export const WheelSegment = z
  .object({
    label: LocalizedText,
    /** Relative weight: a segment's odds are its weight over the sum of all weights. */
    weight: z.number().positive().max(1_000_000),
    /** The pool a unique code is claimed from when this segment is drawn. */
    pool: PoolName.optional(),
    /** A fixed code for this segment (instead of a pool). */
    code: OfferCode.optional(),
    /** Fill colour of the segment; the theme's colours alternate when omitted. */
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are "#rrggbb"').optional(),
  })
  .strict();
export type WheelSegment = z.output<typeof WheelSegment>;

export const FormOffer = z.union(
  [
    z.object({ pool: PoolName }).strict(),
    z
      .object({
        wheel: z
          .object({
            /** Every segment must carry a prize (a pool or a code); set false to allow "no prize" segments. */
            everySpinWins: z.boolean().default(true),
            segments: z.array(WheelSegment).min(2).max(12),
          })
          .strict(),
      })
      .strict(),
  ],
  { error: 'an offer is { "pool": "<name>" } or { "wheel": { "segments": [...] } }' },
);
export type FormOffer = z.output<typeof FormOffer>;
