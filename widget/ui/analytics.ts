/**
 * The UI chunk's analytics events (view, step view, close, teaser view/click, coupon copy,
 * call-to-action click), batched into the loader's sender (`MountOptions.beacon`, core/beacon.ts:
 * text/plain with `keepalive`, never awaited, failures dropped): a short timer or the page being
 * hidden (which also happens when a link navigates away) flushes the batch, so an event can never
 * delay the page or the form. No field value ever goes (docs/analytics.md).
 */
import type { MountOptions } from '../types.ts';

let queue: object[] = [];
let sender: MountOptions['beacon'];
let timer: ReturnType<typeof setTimeout> | 0 = 0;

const flush = () => {
  clearTimeout(timer);
  timer = 0;
  if (queue[0]) sender?.(...queue);
  queue = [];
};

addEventListener('visibilitychange', () => document.hidden && flush());

export function track(options: MountOptions, name: string, form: string, step?: number): void {
  sender = options.beacon;
  // An absent version or step is 1 or 0 on the proxy.
  queue.push({ name, form, version: options.version, variant: options.variant, step });
  timer ||= setTimeout(flush, 500);
}
