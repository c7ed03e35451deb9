/**
 * When and to whom a form shows: triggers, targeting, schedule, frequency and A/B variants.
 * Evaluated in the loader (widget/core/), so every shape here stays small and flat.
 * Reference with examples: the docs/targeting.md, "Targeting reference".
 */
import * as z from 'zod';

/** Objects that must name exactly one of their keys (`{ delay: 5 }`, `{ path: … }`). */
function exactlyOne<T extends z.ZodObject>(schema: T, what: string) {
  const keys = Object.keys(schema.shape).join(', ');
  return schema.refine((value) => Object.keys(value as object).length === 1, `a ${what} has exactly one of: ${keys}`);
}

const Seconds = (max: number) => z.number().min(0, 'use a number of seconds ≥ 0').max(max, `use at most ${max} seconds`);

export const ExitIntent = z
  .object({
    /** Seconds on the page before exit intent may fire: a visitor who just arrived is not leaving. */
    minSeconds: Seconds(600).default(3),
    /** On phones and tablets: a fast scroll back up, the back button, or leaving the tab and coming back. */
    mobile: z.boolean().default(true),
  })
  .strict();

export const Trigger = exactlyOne(
  z
    .object({
      /** Seconds after the page (or single-page-app route) started. */
      delay: Seconds(3600),
      /** Seconds since the visit started, across pages. */
      timeOnSite: Seconds(86_400),
      exitIntent: ExitIntent,
      /** Percent of the page scrolled (1–100). */
      scroll: z.number().min(1, 'scroll is a percentage from 1 to 100').max(100, 'scroll is a percentage from 1 to 100'),
      /** Seconds without a pointer, key, touch or scroll. */
      inactivity: Seconds(3600).min(1, 'inactivity needs at least 1 second'),
      /** From the Nth page viewed in this visit on. */
      pageViews: z.number().int('pageViews is a whole number such as 3').min(1).max(1000),
      /** CSS selector: a click on a matching element (or inside one) opens the form. */
      click: z.string().min(1).max(500),
    })
    .partial()
    .strict(),
  'trigger',
);
export type Trigger = z.output<typeof Trigger>;

/** Triggers are alternatives: the first to fire shows the form. */
export const TriggerGroup = z.object({ any: z.array(Trigger).min(1, 'list at least one trigger in "any"') }).strict();
export type TriggerGroup = z.output<typeof TriggerGroup>;

/** `(a+)+`, `(a|aa)*`: a quantified group holding a quantifier or alternation can backtrack for ever. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*|}](?:[^()\\]|\\.)*\)[+*{]/;

const SafeRegex = z
  .string()
  .max(200, 'keep regular expressions under 200 characters')
  .superRefine((source, ctx) => {
    try {
      new RegExp(source);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
      return;
    }
    if (NESTED_QUANTIFIER.test(source)) {
      ctx.addIssue({ code: 'custom', message: 'nested quantifiers such as (a+)+ can freeze the page; rewrite without a quantified group that contains a quantifier or "|"' });
    }
  });

/** Published as an anchored regular expression, so the loader needs no glob code. */
export function globToRegex(glob: string): string {
  return '^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$';
}

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * How a value is compared. A plain value means "equals"; a list means "one of"; an object combines
 * operators, all of which must hold (`{ gte: 50, lt: 100 }`).
 */
export const Match = z.union([
  Scalar,
  z.array(z.union([z.string(), z.number()])).min(1),
  z
    .object({
      is: Scalar,
      in: z.array(z.union([z.string(), z.number()])).min(1),
      contains: z.string(),
      /** `*` is any run of characters, `?` one character; the whole value must match. */
      glob: z.string().max(500).transform(globToRegex),
      regex: SafeRegex,
      exists: z.boolean(),
      gt: z.number(),
      gte: z.number(),
      lt: z.number(),
      lte: z.number(),
    })
    .partial()
    .strict()
    .refine((m) => Object.keys(m).length > 0, 'a match needs an operator: is, in, contains, glob, regex, exists, gt, gte, lt or lte'),
]);
export type Match = z.output<typeof Match>;

const Named = z.record(z.string().min(1).max(200), Match);

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const Day = z.enum(DAYS, 'days are "mon", "tue", "wed", "thu", "fri", "sat" or "sun"');
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'times are "HH:MM" on a 24-hour clock, e.g. "09:30"');
// Published as "YYYY-MM-DD HH:MM", which the loader compares as text; a bare date covers its whole day.
const DateTime = (time: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2})?$/, 'dates are "YYYY-MM-DD" or "YYYY-MM-DD HH:MM"')
    .transform((s) => (s.length == 10 ? `${s} ${time}` : s.replace('T', ' ')));

export const Schedule = z
  .object({
    /** IANA time zone the dates and hours are in, e.g. "Europe/Paris"; the visitor's own when omitted. */
    tz: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'unknown time zone; use an IANA name such as "Europe/Paris" or "America/New_York"')
      .optional(),
    /** First moment shown (inclusive), at the precision given. */
    from: DateTime('00:00').optional(),
    /** Last moment shown (inclusive at the precision given: "2026-12-24" includes that whole day). */
    until: DateTime('23:59').optional(),
    /** Published as numbers, Sunday = 0, for the loader's `getUTCDay()`. */
    days: z
      .array(Day)
      .min(1)
      .transform((days) => days.map((d) => DAYS.indexOf(d)))
      .optional(),
    /** `["09:00", "18:00"]`: from 09:00 up to 18:00; `["22:00", "06:00"]` spans midnight. */
    hours: z.tuple([Clock, Clock]).optional(),
  })
  .strict()
  .refine((s) => !(s.from && s.until && s.from > s.until), { message: '"from" is after "until"', path: ['until'] });
export type Schedule = z.output<typeof Schedule>;

/** One targeting rule, or a group of them, as marketers write it. Every object names exactly one subject. */
export interface RuleInput {
  all?: RuleInput[];
  any?: RuleInput[];
  not?: RuleInput;
  url?: MatchInput;
  path?: MatchInput;
  referrer?: MatchInput;
  query?: Record<string, MatchInput>;
  utm?: Record<string, MatchInput>;
  cookie?: Record<string, MatchInput>;
  js?: Record<string, MatchInput>;
  dataLayer?: Record<string, MatchInput>;
  prop?: Record<string, MatchInput>;
  device?: MatchInput;
  visitor?: 'new' | 'returning';
  visits?: MatchInput;
  pages?: MatchInput;
  lang?: string | string[];
  time?: z.input<typeof Schedule>;
  sample?: number;
}
type MatchInput = z.input<typeof Match>;

/**
 * A rule as published: the proxy rewrites page and visit subjects onto a few generic readers, so the
 * loader stays small (`{ path: m }` → `{ js: { "location.pathname": m } }`, `{ utm: { source: m } }` →
 * `{ visit: { utm_source: m } }`).
 */
export interface Rule {
  all?: Rule[];
  any?: Rule[];
  not?: Rule;
  /** Global values by dotted path from `window`. */
  js?: Record<string, Match>;
  query?: Record<string, Match>;
  cookie?: Record<string, Match>;
  dataLayer?: Record<string, Match>;
  prop?: Record<string, Match>;
  /** The loader's visit context: `visits`, `pages_per_session`, `landing_page`, `referrer`, `utm_*`. */
  visit?: Record<string, Match>;
  device?: Match;
  time?: Schedule;
  sample?: number;
}

const Lang = z.string().regex(/^[a-z]{2}$/, 'languages are two-letter ISO 639-1 codes such as "fr"');

function publish(rule: Record<string, any>): Rule {
  const [[subject, operand]] = Object.entries(rule) as [[string, any]];
  const global = (path: string) => ({ js: { [path]: operand } });
  switch (subject) {
    case 'url':
      return global('location.href');
    case 'path':
      return global('location.pathname');
    case 'referrer':
      return global('document.referrer');
    case 'lang':
      return { js: { 'navigator.language': { regex: `^(${[operand].flat().join('|')})\\b` } } };
    case 'utm':
      return { visit: Object.fromEntries(Object.entries(operand as Record<string, Match>).map(([name, m]) => [`utm_${name.replace(/^utm_/, '')}`, m])) };
    case 'visits':
      return { visit: { visits: operand } };
    case 'pages':
      return { visit: { pages_per_session: operand } };
    case 'visitor':
      return { visit: { visits: operand == 'new' ? 1 : { gt: 1 } } };
    default:
      return rule as Rule;
  }
}

export const Rule: z.ZodType<Rule, RuleInput> = z.lazy(() =>
  exactlyOne(
    z
      .object({
        all: z.array(Rule).min(1),
        any: z.array(Rule).min(1),
        not: Rule,
        /** The full page URL. */
        url: Match,
        path: Match,
        /** `document.referrer` ("" when none). */
        referrer: Match,
        /** Parameters of the current URL: `{ "utm_source": "newsletter" }`. */
        query: Named,
        /** UTM parameters the visit landed with, kept across pages: `{ "campaign": { "contains": "sale" } }`. */
        utm: Named,
        cookie: Named,
        /** Global variables by dotted path: `{ "Shopify.customer": { "exists": false } }`. */
        js: Named,
        /** Latest value of a key pushed to `window.dataLayer`. */
        dataLayer: Named,
        /** Properties the page set with `inlet('set', { cartValue: 80 })`. */
        prop: Named,
        /** "mobile", "tablet" or "desktop". */
        device: Match,
        visitor: z.enum(['new', 'returning'], 'visitor is "new" or "returning"'),
        /** Number of visits, this one included. */
        visits: Match,
        /** Pages viewed in this visit, this one included. */
        pages: Match,
        /** The browser's language: "fr" or ["fr", "de"]. */
        lang: z.union([Lang, z.array(Lang).min(1)]),
        time: Schedule,
        /** Percent of visitors (sticky per visitor and form) who may see the form. */
        sample: z.number().min(0, 'sample is a percentage from 0 to 100').max(100, 'sample is a percentage from 0 to 100'),
      })
      .partial()
      .strict(),
    'targeting rule',
  ).transform(publish),
);

export const Frequency = z
  .object({
    /** Days the form stays hidden after the visitor closed it (0: it may show on the next page). */
    afterCloseDays: z.number().min(0).max(3650).default(7),
    /** Most times one visitor sees the form. */
    maxShows: z.number().int().min(1).optional(),
    /** Which submission hides the form for good: one of this form (default), of any form of the site, or none (false). */
    hideAfterSubmit: z.union([z.enum(['form', 'site']), z.literal(false)], 'hideAfterSubmit is "form", "site" or false').default('form'),
  })
  .strict();
export type Frequency = z.output<typeof Frequency>;

/**
 * A/B variants: each overrides some top-level properties of the form. A visitor is assigned one
 * variant by weight, for good, and its id travels with every event and submission.
 */
export function Variants<T extends z.ZodRawShape>(overrides: T) {
  return z
    .array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'variant ids are lowercase letters, digits and "-" (e.g. "b")'),
          /** Relative share of visitors; 1 when omitted. */
          weight: z.number().min(0).default(1),
          ...overrides,
        })
        .strict(),
    )
    .min(2, 'an A/B test needs at least two variants')
    .refine((list) => new Set(list.map((v) => (v as { id: string }).id)).size === list.length, 'variant ids must be unique within a form')
    .refine((list) => list.some((v) => (v as { weight: number }).weight > 0), 'at least one variant needs a weight above 0')
    // Published as shares that add up to 1, so the loader picks with one random draw and no sum.
    .transform((list) => {
      const total = list.reduce((sum, v) => sum + (v as { weight: number }).weight, 0);
      return list.map((v) => ({ ...v, weight: (v as { weight: number }).weight / total }));
    });
}
