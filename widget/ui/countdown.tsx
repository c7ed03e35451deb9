/**
 * Urgency countdown, in its own chunk: the time left until a date, or until N minutes after the
 * visitor first saw the form (kept in localStorage, unless the page waits for storage consent).
 * Reads `Date.now()`, so tests drive it with a fake clock.
 */
function firstSeen(form: string): number {
  const key = `inlet:cd:${form}`;
  const mayStore = !document.querySelector('script[data-require-consent]');
  try {
    const kept = Number(mayStore && localStorage.getItem(key));
    if (kept) return kept;
    if (mayStore) localStorage.setItem(key, String(Date.now()));
  } catch {
    // Storage blocked: count from this page view.
  }
  return (memory[form] ??= Date.now());
}
const memory: Record<string, number> = {};

const two = (n: number) => String(n).padStart(2, '0');

/** "hh:mm:ss" left (hours may exceed 24), "00:00:00" once over. */
export function remaining(form: string, config: { until?: string; minutes?: number }, now: number): string {
  const end = config.until ? Date.parse(config.until) : firstSeen(form) + config.minutes! * 60_000;
  const left = Math.max(0, Math.floor((end - now) / 1000));
  return `${two(Math.floor(left / 3600))}:${two(Math.floor(left / 60) % 60)}:${two(left % 60)}`;
}
