/**
 * The analytics dashboard for one site or form: summary, time series, step funnel, per-variant table
 * with intervals and the verdict, influenced metrics against the holdout, device and page breakdown,
 * dropped events. Self-contained Preact: the studio mounts `<AnalyticsDashboard report={…} />`.
 * Every chart has its numbers in a table; headings structure the page for screen readers.
 */
import type { AnalyticsReport } from '../../proxy/analytics/report.ts';
import { TimeSeriesChart } from './chart.tsx';
import { formatters } from './format.ts';
import { EN, type Strings } from './strings.ts';

export interface DashboardProps {
  report: AnalyticsReport;
  strings?: Strings;
  locale?: string;
}

type Rate = { rate: number; low: number; high: number };

export function AnalyticsDashboard({ report, strings: t = EN, locale }: DashboardProps) {
  const f = formatters(locale);
  const rate = (r: Rate) => `${f.pct(r.rate)} (${f.pct(r.low)}–${f.pct(r.high)})`;
  /** A rate for a card: the value large, its interval beneath. */
  const card = (r: Rate) => (
    <>
      {f.pct(r.rate)} <small>{t.interval}: {f.pct(r.low)}–{f.pct(r.high)}</small>
    </>
  );
  const points = (v: number) => `${v >= 0 ? '+' : ''}${f.dec(v * 100)}`;
  const totals = report.totals;
  const verdict = report.experiment?.verdict;
  const verdictText = !verdict
    ? undefined
    : verdict.status === 'winner'
      ? t.winner(verdict.winner!, verdict.decidedOnDay!)
      : verdict.status === 'sample_ratio_mismatch'
        ? t.srm
        : verdict.status === 'no_difference_yet'
          ? t.noDifference
          : t.waiting;
  const comparison = (id: string) => verdict?.arms.find((a) => a.id === id)?.comparison;
  return (
    <div class="inlet-analytics">
      <h1>{t.title}</h1>

      <section aria-labelledby="ia-summary">
        <h2 id="ia-summary">{t.summary}</h2>
        <dl class="cards">
          <div><dt>{t.assigned}</dt><dd data-metric="assigned">{f.n(totals.assigned)}</dd></div>
          <div><dt>{t.views}</dt><dd data-metric="views">{f.n(totals.views)}</dd></div>
          <div><dt>{t.signups}</dt><dd data-metric="signups">{f.n(totals.signups)}</dd></div>
          <div><dt>{t.perView}</dt><dd>{card(totals.perView)}</dd></div>
          <div><dt>{t.perAssigned}</dt><dd>{card(totals.perAssigned)}</dd></div>
          <div><dt>{t.identifiersNew}</dt><dd data-metric="identifiersNew">{f.n(totals.identifiersNew)}</dd></div>
          <div><dt>{t.subscriptions}</dt><dd>{f.n(Object.values(totals.subscriptions).reduce((a, b) => a + b, 0))}</dd></div>
        </dl>
      </section>

      <section aria-labelledby="ia-time">
        <h2 id="ia-time">{t.overTime}</h2>
        <TimeSeriesChart
          label={`${t.overTime}: ${t.views}, ${t.signups}`}
          days={report.series.map((d) => d.day)}
          series={[
            { label: t.views, values: report.series.map((d) => d.views), colour: '#1d4ed8' },
            { label: t.signups, values: report.series.map((d) => d.signups), colour: '#b45309' },
          ]}
        />
        <table>
          <caption class="sr">{t.overTime}</caption>
          <thead><tr><th scope="col">{t.day}</th><th scope="col">{t.assigned}</th><th scope="col">{t.views}</th><th scope="col">{t.signups}</th></tr></thead>
          <tbody>{report.series.map((d) => <tr key={d.day}><th scope="row">{d.day}</th><td>{f.n(d.assigned)}</td><td>{f.n(d.views)}</td><td>{f.n(d.signups)}</td></tr>)}</tbody>
        </table>
      </section>

      <section aria-labelledby="ia-funnel">
        <h2 id="ia-funnel">{t.funnel}</h2>
        <table>
          <thead><tr><th scope="col">{t.step}</th><th scope="col">{t.stepViews}</th><th scope="col">{t.stepSubmits}</th><th scope="col">{t.dropOff}</th></tr></thead>
          <tbody>
            {report.funnel.map((s) => (
              <tr key={s.step}>
                <th scope="row">{s.step + 1}</th>
                <td>{f.n(s.views)}</td>
                <td>{f.n(s.submits)}</td>
                <td><span class="bar" style={{ inlineSize: `${Math.round(s.dropOff * 100)}%` }} aria-hidden="true" />{f.pct(s.dropOff)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="ia-variants">
        <h2 id="ia-variants">{t.variants}</h2>
        {verdictText && <p class={`verdict v-${verdict!.status}`} role="status"><strong>{t.verdict}:</strong> {verdictText}</p>}
        {verdict?.reasons.length ? <ul class="reasons">{verdict.reasons.map((r) => <li key={r}>{r}</li>)}</ul> : null}
        {report.experiment && verdict!.status !== 'winner' && <p>{t.daysNeeded(report.experiment.daysNeeded.days, report.experiment.daysNeeded.lift)}</p>}
        <table>
          <thead>
            <tr><th scope="col">{t.variant}</th><th scope="col">{t.assigned}</th><th scope="col">{t.views}</th><th scope="col">{t.signups}</th><th scope="col">{t.perView}</th><th scope="col">{t.perAssigned}</th><th scope="col">{t.lift}</th></tr>
          </thead>
          <tbody>
            {report.variants.map((v) => {
              const c = comparison(v.id);
              return (
                <tr key={v.id} data-variant={v.id}>
                  <th scope="row">{v.id === '_holdout' ? t.holdout : v.id || '—'}</th>
                  <td data-metric="assigned">{f.n(v.assigned)}</td>
                  <td data-metric="views">{f.n(v.views)}</td>
                  <td data-metric="signups">{f.n(v.signups)}</td>
                  <td>{rate(v.perView)}</td>
                  <td>{rate(v.perAssigned)}</td>
                  <td>{c ? `${c.lift >= 0 ? '+' : ''}${f.pct(c.lift)} (${points(c.low)} to ${points(c.high)} ${t.points})` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="ia-influenced">
        <h2 id="ia-influenced">{t.influenced}</h2>
        <table>
          <thead><tr><th scope="col">{t.group}</th><th scope="col">{t.visitors}</th><th scope="col">{t.returning}</th><th scope="col">{t.pagesPerSession}</th></tr></thead>
          <tbody>
            {(['exposed', 'holdout'] as const).map((g) => (
              <tr key={g}><th scope="row">{t[g]}</th><td>{f.n(report.influenced[g].visitors)}</td><td>{rate(report.influenced[g].returning)}</td><td>{f.dec(report.influenced[g].pagesPerSession)}</td></tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="ia-breakdown">
        <h2 id="ia-breakdown">{t.breakdown}</h2>
        {(['device', 'path'] as const).map((by) => (
          <table key={by}>
            <thead><tr><th scope="col">{by === 'device' ? t.device : t.page}</th><th scope="col">{t.views}</th><th scope="col">{t.signups}</th></tr></thead>
            <tbody>{report.breakdown[by].map((r) => <tr key={r.key}><th scope="row">{r.key}</th><td>{f.n(r.views)}</td><td>{f.n(r.signups)}</td></tr>)}</tbody>
          </table>
        ))}
      </section>

      <section aria-labelledby="ia-dropped">
        <h2 id="ia-dropped">{t.dropped}</h2>
        {Object.keys(report.dropped).length ? (
          <table>
            <thead><tr><th scope="col">{t.reason}</th><th scope="col">{t.count}</th></tr></thead>
            <tbody>{Object.entries(report.dropped).map(([reason, n]) => <tr key={reason}><th scope="row">{reason}</th><td>{f.n(n)}</td></tr>)}</tbody>
          </table>
        ) : <p>{t.none}</p>}
      </section>
    </div>
  );
}
