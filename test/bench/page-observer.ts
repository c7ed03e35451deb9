/**
 * Runs in the page before any of its scripts (`addInitScript`): records long tasks and layout shifts
 * as they happen, so the bench reads them at the end of the window. Plain JS source, no imports.
 */
export const PAGE_OBSERVER = `(() => {
  const bench = (window.__bench = { longTasks: [], shifts: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) bench.shifts.push({ start: e.startTime, value: e.value });
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
})();`;

export interface ObservedPage {
  longTasks: { start: number; duration: number }[];
  shifts: { start: number; value: number }[];
}

/** CLS as web-vitals defines it: the largest session window (gaps < 1 s, windows ≤ 5 s). */
export function cumulativeLayoutShift(shifts: ObservedPage['shifts']): number {
  let best = 0;
  let current = 0;
  let first = 0;
  let last = -Infinity;
  for (const shift of [...shifts].sort((a, b) => a.start - b.start)) {
    if (shift.start - last < 1000 && shift.start - first < 5000) current += shift.value;
    else {
      current = shift.value;
      first = shift.start;
    }
    last = shift.start;
    best = Math.max(best, current);
  }
  return best;
}

/** In-page check: the form's dialog is open, rendered, and focus is inside it. */
export const DIALOG_READY = `(() => {
  const host = document.querySelector('inlet-form');
  const root = host && host.shadowRoot;
  const dialog = root && root.querySelector('dialog[open]');
  if (!dialog) return false;
  const box = dialog.getBoundingClientRect();
  const focused = root.activeElement;
  return box.width > 0 && box.height > 0 && (!dialog.checkVisibility || dialog.checkVisibility()) && !!focused && dialog.contains(focused);
})()`;
