/**
 * Targeting rules as the proxy publishes them (proxy/config/targeting-schema.ts: page subjects
 * arrive as `js` paths, visit subjects as `visit`), evaluated against the page and the visitor.
 * An unknown subject or operator fails closed: a rule this loader cannot read hides the form.
 */
import type { Match, Rule, Schedule } from '../../proxy/config/targeting-schema.ts';
import type { VisitorState } from './store.ts';

export interface Facts {
  state: VisitorState;
  /** Set by the page: `inlet('set', { cartValue: 80 })`. */
  props: Record<string, unknown>;
  /** Form id: sampling is sticky per visitor and form. */
  form: string;
}

type Table = Record<string, (operand: never, subject: any) => boolean>;

/** Every key of `spec` names an entry of `table` that holds; an unknown key fails. */
const every = (spec: object, table: Table, subject: unknown) => Object.entries(spec).every(([key, operand]) => table[key]?.(operand as never, subject));

const str = (value: unknown) => '' + (value ?? '');
const num = (value: unknown) => (value == null ? NaN : +value);
const regex = (source: string, value: unknown) => {
  try {
    return new RegExp(source).test(str(value));
  } catch {
    return false;
  }
};

const equals = (c: Match, v: unknown) => test(v, c);

const OPERATORS: Table = {
  is: equals,
  in: equals,
  exists: (c: boolean, v) => (v != null) == c,
  contains: (c: string, v) => str(v).includes(c),
  // Globs arrive as anchored regular expressions: the proxy compiles them when it publishes the form.
  glob: regex,
  regex,
  gt: (c: number, v) => num(v) > c,
  gte: (c: number, v) => num(v) >= c,
  lt: (c: number, v) => num(v) < c,
  lte: (c: number, v) => num(v) <= c,
};

/** A plain value means equals (compared as text, so "2" matches 2); a list means one of. */
export function test(value: unknown, match: Match): boolean {
  return Array.isArray(match) ? match.some((m) => test(value, m)) : typeof match == 'object' ? every(match, OPERATORS, value) : value != null && '' + value == '' + match;
}

/** Uniform in [0, 1) from a string (FNV-1a; the visitor seed is random, which is all the mixing it needs). */
export function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) / 2 ** 32;
}

export function device(): 'mobile' | 'tablet' | 'desktop' {
  const ua = navigator.userAgent;
  // iPadOS reports a Mac user agent; only touch points give it away.
  return /iPad|Android(?!.*Mobi)/i.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1)
    ? 'tablet'
    : /Mobi|iPhone|Android/i.test(ua)
      ? 'mobile'
      : 'desktop';
}

/** Whether now (in the schedule's time zone) is within it. */
export function inSchedule(schedule: Schedule): boolean {
  // Swedish formatting gives "YYYY-MM-DD HH:MM:SS", which compares as text.
  // `from` and `until` arrive as "YYYY-MM-DD HH:MM"; a missing one compares false.
  const t = new Date().toLocaleString('sv', { timeZone: schedule.tz }).slice(0, 16);
  const hm = t.slice(11);
  const [from, to] = schedule.hours ?? ['', ''];
  return (
    !(schedule.from! > t) &&
    !(schedule.until! < t) &&
    // Days arrive as numbers, Sunday = 0 (the proxy maps the names).
    !(schedule.days && !schedule.days.includes(new Date(t.slice(0, 10)).getUTCDay() as never)) &&
    !(from && (from <= to ? hm < from || hm >= to : hm < from && hm >= to))
  );
}

const cookie = (name: string) =>
  document.cookie
    .split('; ')
    .find((c) => c.startsWith(name + '='))
    ?.slice(name.length + 1);

type Subject = (operand: never, facts: Facts) => boolean;
const named = (read: (name: string, facts: Facts) => unknown): Subject => (m: Record<string, Match>, facts) =>
  Object.keys(m).every((name) => test(read(name, facts), m[name]!));

const SUBJECTS: Table = {
  all: (rules: Rule[], facts) => rules.every((r) => matches(r, facts)),
  any: (rules: Rule[], facts) => rules.some((r) => matches(r, facts)),
  not: (rule: Rule, facts) => !matches(rule, facts),
  js: named((path) => path.split('.').reduce<any>((o, k) => o?.[k], window)),
  query: named((name) => new URLSearchParams(location.search).get(name)),
  cookie: named(cookie),
  dataLayer: named((key) => ((window as any).dataLayer ?? []).reduce((v: unknown, o: any) => (o && key in o ? o[key] : v), undefined)),
  prop: named((name, f) => f.props[name]),
  visit: named((name, f) => f.state.c[name]),
  device: (m: Match) => test(device(), m),
  time: inSchedule,
  sample: (percent: number, f) => hash(f.state.id + f.form) * 100 < percent,
};

export const matches = (rule: Rule, facts: Facts): boolean => every(rule, SUBJECTS, facts);
