/**
 * The analytics report for one site (optionally one form, version, variant, step, date range, device
 * class, page path): what `GET /v1/studio/analytics`, `npm run report` and the dashboard show.
 * Every number is exact; every rate carries its 95 % interval; the verdict is the sequential test's.
 */
import type { PublishedForm } from '../config/form-schema.ts';
import { daysNeeded, decide, rateWithInterval, type DailyLook, type DaysNeeded, type Rate, type Verdict } from './stats/index.ts';
import type { AggregateQuery, CountRow } from './store.ts';
import { HOLDOUT, type AnalyticsFilter } from './types.ts';

const DAY = 864e5;

export interface Counts {
  /** Distinct visitors assigned (a variant or the holdout), with and without storage consent. */
  assigned: number;
  views: number;
  stepViews: number;
  closes: number;
  teaserViews: number;
  teaserClicks: number;
  couponCopies: number;
  ctaClicks: number;
  stepSubmits: number;
  signups: number;
}

export interface VariantRow extends Counts {
  id: string;
  /** Sign-ups ÷ views: per display, as the peers count it. */
  perView: Rate;
  /** Sign-ups ÷ assigned visitors: per person, the A/B metric. */
  perAssigned: Rate;
}

export interface AnalyticsReport {
  filter: AnalyticsFilter;
  totals: Counts & { perView: Rate; perAssigned: Rate; identifiersNew: number; subscriptions: Record<string, number> };
  variants: VariantRow[];
  funnel: { step: number; views: number; submits: number; dropOff: number }[];
  series: { day: string; assigned: number; views: number; signups: number }[];
  experiment?: { verdict: Verdict; daysNeeded: DaysNeeded & { lift: number } };
  influenced: { windowDays: number; exposed: InfluencedGroup; holdout: InfluencedGroup };
  breakdown: { device: BreakdownRow[]; path: BreakdownRow[] };
  dropped: Record<string, number>;
}

export interface InfluencedGroup {
  visitors: number;
  /** Share of assigned visitors who started another visit within the window. */
  returning: Rate;
  /** Mean page views of the visits that followed assignment (as reported when the next visit began). */
  pagesPerSession: number;
  visits: number;
}

export interface BreakdownRow {
  key: string;
  views: number;
  signups: number;
}

const NAME_TO_COUNT: Record<string, keyof Counts> = {
  view: 'views',
  step_view: 'stepViews',
  close: 'closes',
  teaser_view: 'teaserViews',
  teaser_click: 'teaserClicks',
  coupon_copy: 'couponCopies',
  cta_click: 'ctaClicks',
  step_submit: 'stepSubmits',
  signup: 'signups',
};

const empty = (): Counts => ({ assigned: 0, views: 0, stepViews: 0, closes: 0, teaserViews: 0, teaserClicks: 0, couponCopies: 0, ctaClicks: 0, stepSubmits: 0, signups: 0 });

export interface ReportOptions {
  /** The published form, for its variant weights (the verdict) and steps (the funnel). */
  form?: PublishedForm;
  /** Relative lift the days-needed calculator aims at. */
  lift?: number;
  influenceWindowDays?: number;
  now: number;
}

export async function buildReport(query: AggregateQuery, filter: AnalyticsFilter, options: ReportOptions): Promise<AnalyticsReport> {
  const windowDays = options.influenceWindowDays ?? 30;
  const [counts, daily, assigned, signups, influenced, device, path, dropped] = await Promise.all([
    query.counts(filter),
    query.daily(filter),
    query.assignedDaily(filter),
    query.signupsDaily(filter),
    query.influenced(filter, windowDays * DAY),
    query.breakdown(filter, 'device'),
    query.breakdown(filter, 'path'),
    query.dropped(filter),
  ]);

  const perVariant = new Map<string, Counts>();
  const variantOf = (id: string) => perVariant.get(id) ?? perVariant.set(id, empty()).get(id)!;
  for (const id of options.form?.variants?.map((v) => v.id) ?? []) variantOf(id);
  const totals = empty();
  const subscriptions: Record<string, number> = {};
  const funnel = new Map<number, { views: number; submits: number }>();
  for (const row of counts) addCount(row, totals, variantOf(row.variant), subscriptions, funnel);
  // Per-person counts from the distinct rows, never from summed hours.
  totals.assigned = 0;
  for (const r of assigned) {
    totals.assigned += r.count;
    variantOf(r.variant).assigned += r.count;
  }
  totals.signups = 0;
  let identifiersNew = 0;
  for (const variant of perVariant.values()) variant.signups = 0;
  for (const r of signups) {
    totals.signups += r.count;
    identifiersNew += r.newIdentifiers;
    variantOf(r.variant).signups += r.count;
  }

  const variants = [...perVariant].map(([id, c]) => ({ id, ...c, perView: rateWithInterval(c.signups, c.views), perAssigned: rateWithInterval(c.signups, c.assigned) }));
  const steps = [...funnel].sort(([a], [b]) => a - b);
  const report: AnalyticsReport = {
    filter,
    totals: { ...totals, perView: rateWithInterval(totals.signups, totals.views), perAssigned: rateWithInterval(totals.signups, totals.assigned), identifiersNew, subscriptions },
    variants,
    // Drop-off of a step: its views that were not submitted. A success step has nothing to submit.
    funnel: steps.map(([step, f]) => {
      const success = Boolean(options.form?.steps[step] && 'success' in options.form.steps[step]!);
      return { step, views: f.views, submits: f.submits, dropOff: success || f.views === 0 ? 0 : Math.max(0, 1 - f.submits / f.views) };
    }),
    series: series(daily, assigned, signups),
    influenced: { windowDays, exposed: group(influenced.find((g) => g.group === 'exposed')), holdout: group(influenced.find((g) => g.group === 'holdout')) },
    breakdown: { device: breakdown(device), path: breakdown(path).slice(0, 50) },
    dropped,
  };
  if (filter.form && options.form?.variants && filter.variant === undefined) {
    report.experiment = await experiment(query, filter, options.form, options.lift ?? 0.2, options.now);
  }
  return report;
}

function addCount(row: CountRow, totals: Counts, variant: Counts, subscriptions: Record<string, number>, funnel: Map<number, { views: number; submits: number }>): void {
  if (row.name === 'subscription') {
    subscriptions[row.detail] = (subscriptions[row.detail] ?? 0) + row.count;
    return;
  }
  const key = NAME_TO_COUNT[row.name];
  if (!key) return;
  totals[key] += row.count;
  variant[key] += row.count;
  if (row.name === 'step_view' || row.name === 'step_submit') {
    const step = funnel.get(row.step) ?? funnel.set(row.step, { views: 0, submits: 0 }).get(row.step)!;
    if (row.name === 'step_view') step.views += row.count;
    else step.submits += row.count;
  }
}

function group(g: { visitors: number; returned: number; visits: number; pages: number } | undefined): InfluencedGroup {
  const visitors = g?.visitors ?? 0;
  return { visitors, returning: rateWithInterval(g?.returned ?? 0, visitors), visits: g?.visits ?? 0, pagesPerSession: g && g.visits > 0 ? g.pages / g.visits : 0 };
}

function breakdown(rows: { key: string; name: string; count: number }[]): BreakdownRow[] {
  const by = new Map<string, BreakdownRow>();
  for (const r of rows) {
    const row = by.get(r.key) ?? by.set(r.key, { key: r.key, views: 0, signups: 0 }).get(r.key)!;
    if (r.name === 'view') row.views += r.count;
    if (r.name === 'signup') row.signups += r.count;
  }
  return [...by.values()].sort((a, b) => b.views - a.views || b.signups - a.signups);
}

function series(daily: { day: number; name: string; count: number }[], assigned: { day: number; count: number }[], signups: { day: number; count: number }[]) {
  const days = new Map<number, { assigned: number; views: number; signups: number }>();
  const at = (day: number) => days.get(day) ?? days.set(day, { assigned: 0, views: 0, signups: 0 }).get(day)!;
  for (const r of daily) if (r.name === 'view') at(r.day).views += r.count;
  for (const r of assigned) at(r.day).assigned += r.count;
  for (const r of signups) at(r.day).signups += r.count;
  return [...days].sort(([a], [b]) => a - b).map(([day, c]) => ({ day: new Date(day).toISOString().slice(0, 10), ...c }));
}

/**
 * The experiment of one form version: consented visitors only (others see the first variant and join
 * no experiment), the holdout left out of the comparison, sign-ups counted in their visitor's
 * assigned arm, cumulative per day since the first assignment.
 */
async function experiment(query: AggregateQuery, filter: AnalyticsFilter, form: PublishedForm, lift: number, now: number) {
  const scoped = { ...filter, version: filter.version ?? ((form as { version?: number }).version ?? 1) };
  // Only the assignments the proxy can vouch for (store.ts, CORROBORATION): forged beacons cannot move a verdict.
  const [assigned, signups] = await Promise.all([query.assignedDaily(scoped, true), query.signupsDaily(scoped, true)]);
  const arms = form.variants!.map((v) => ({ id: v.id, weight: v.weight }));
  const start = Math.min(...assigned.filter((r) => r.variant !== HOLDOUT && r.consented > 0).map((r) => r.day));
  const looks: DailyLook[] = [];
  if (Number.isFinite(start)) {
    const last = Math.floor(now / DAY) * DAY;
    const totals = new Map(arms.map((a) => [a.id, { assigned: 0, signups: 0 }]));
    for (let day = start, n = 1; day <= last; day += DAY, n++) {
      for (const r of assigned) if (r.day === day) { const t = totals.get(r.variant); if (t) t.assigned += r.consented; }
      for (const r of signups) if (r.day === day) { const t = totals.get(r.variant); if (t) t.signups += r.count; }
      looks.push({ day: n, arms: arms.map((a) => ({ ...a, ...totals.get(a.id)! })) });
    }
  }
  const verdict = decide(looks);
  const final = looks[looks.length - 1];
  const control = final?.arms[0];
  const smallest = final ? Math.min(...final.arms.map((a) => a.assigned)) : 0;
  const needed = daysNeeded({
    baselineRate: control && control.assigned > 0 ? Math.max(control.signups, 1) / control.assigned : 0.03,
    lift,
    assignedPerArmPerDay: final ? smallest / final.day : 0,
    assignedPerArm: smallest,
    daysElapsed: final?.day ?? 0,
    arms: arms.length,
  });
  return { verdict, daysNeeded: { ...needed, lift } };
}
