import type { InletEventDetail, InletEventType, MountOptions } from '../types.ts';
import { track } from './analytics.ts';

const TRACKED = { show: 'view', step: 'step_view', close: 'close' } as const;

/**
 * Announces a widget event three ways: a `inlet:<type>` CustomEvent on window, the loader's
 * callback (for `inlet('on', …)`), and, when asked, `window.dataLayer` for tag managers.
 */
export function emit(options: MountOptions, type: InletEventType, detail: InletEventDetail): void {
  window.dispatchEvent(new CustomEvent(`inlet:${type}`, { detail }));
  options.onEvent?.(type, detail);
  // Sign-ups are counted by the proxy when it accepts them; the views, steps and closes go as beacons
  // (a view is also its step's view: the proxy counts both from one event).
  if (type != 'submit') track(options, TRACKED[type], detail.form, detail.step);
  if (options.dataLayer) {
    const w = window as unknown as { dataLayer?: unknown[] };
    (w.dataLayer ??= []).push({ event: `inlet_${type}`, inlet: detail });
  }
}
