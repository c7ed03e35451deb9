/**
 * The UI chunk's analytics events (view, step view, close, teaser view/click, coupon copy), batched
 * and sent to `POST /v1/events` as text/plain with `keepalive`: a short timer or the page being
 * hidden flushes the batch, nothing waits for the answer, and a failure is silently dropped, so an
 * event can never delay the page or the form. No field value ever goes (docs/analytics.md).
 */
import type { MountOptions } from '../types.ts';

let queue: object[] = [];
let batch: [api: string, site: string, visitor?: string] | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

const flush = () => {
  clearTimeout(timer);
  timer = undefined;
  if (!queue.length || !batch) return;
  const [api, site, visitor] = batch;
  const events = queue;
  queue = [];
  // Also when the page (or a test's document) is already gone: an event is never worth an error.
  try {
    fetch(api + '/v1/events', { method: 'POST', body: JSON.stringify({ site, visitor, path: location.pathname, events }), keepalive: true, credentials: 'omit' }).catch(() => {});
  } catch {}
};

addEventListener('pagehide', flush);
addEventListener('visibilitychange', () => document.visibilityState == 'hidden' && flush());

export function track(options: MountOptions, name: string, form: string, step = 0): void {
  if (options.preview) return;
  batch = [options.api, options.site, options.visitor];
  queue.push({ name, form, version: options.version || 1, variant: options.variant, step });
  timer ??= setTimeout(flush, 500);
}
