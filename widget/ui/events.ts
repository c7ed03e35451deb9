import type { InletEventDetail, InletEventType, MountOptions } from '../types.ts';

/**
 * Announces a widget event three ways: a `inlet:<type>` CustomEvent on window, the loader's
 * callback (for `inlet('on', …)`), and, when asked, `window.dataLayer` for tag managers.
 */
export function emit(options: MountOptions, type: InletEventType, detail: InletEventDetail): void {
  window.dispatchEvent(new CustomEvent(`inlet:${type}`, { detail }));
  options.onEvent?.(type, detail);
  if (options.dataLayer) {
    const w = window as unknown as { dataLayer?: unknown[] };
    (w.dataLayer ??= []).push({ event: `inlet_${type}`, inlet: detail });
  }
}
