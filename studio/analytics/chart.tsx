/**
 * A time series drawn with uPlot (https://github.com/leeoniya/uPlot, ~50 KB, canvas). The canvas is
 * decoration for sighted users: the same numbers are in the table beside it, which is what
 * assistive technology reads.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface Series {
  label: string;
  values: number[];
  colour: string;
}

export function TimeSeriesChart({ days, series, label }: { days: string[]; series: Series[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current || days.length === 0) return;
    const x = days.map((d) => Date.parse(d + 'T00:00:00Z') / 1000);
    const plot = new uPlot(
      {
        width: Math.max(280, ref.current.clientWidth || 640),
        height: 220,
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 2 }))],
        axes: [{}, {}],
        legend: { show: true },
      },
      [x, ...series.map((s) => s.values)],
      ref.current,
    );
    return () => plot.destroy();
  }, [days.join(), series.map((s) => s.values.join()).join('|')]);
  return <div class="chart" ref={ref} role="img" aria-label={label} />;
}
