/**
 * Exit intent. Desktop: the pointer leaves the window through the top edge (not onto the scrollbar).
 * Phones and tablets: a fast scroll back up, the back button, or leaving the tab and returning.
 * Nothing fires in the first `minSeconds` on the page: a visitor who just arrived is not leaving.
 */
import type { Listen } from './triggers.ts';
import { device } from './targeting.ts';

interface ExitIntentOptions {
  minSeconds: number;
  mobile: boolean;
}

/** The history entry pushed to catch the back button; one per document. */
let guard = '';

export function armExitIntent(options: ExitIntentOptions, page: number, on: Listen, fire: () => void): void {
  const ready = () => Date.now() - page >= options.minSeconds * 1e3;
  const go = () => ready() && fire();
  if (device() == 'desktop') {
    on(document, 'mouseout', (e: MouseEvent) => {
      // Leaving onto the scrollbar or a browser side panel happens at x ≥ clientWidth or y > 0.
      if (!e.relatedTarget && e.clientY <= 0 && e.clientX < document.documentElement.clientWidth) go();
    });
    return;
  }
  if (!options.mobile) return;

  // A flick back up: half a screen within 300 ms.
  let lastY = scrollY;
  let runY = 0;
  let runAt = 0;
  on(window, 'scroll', () => {
    const y = scrollY;
    const now = Date.now();
    if (y >= lastY) runAt = 0;
    else {
      if (now - runAt > 300) (runAt = now), (runY = lastY);
      if (runY - y > innerHeight / 2) go();
    }
    lastY = y;
  });

  // Browsers skip history entries added without a user gesture, so the guard waits for a tap
  // (and for minSeconds: an early back press must leave at once).
  on(document, 'touchend', () => {
    if (!guard && ready()) history.pushState(history.state, ''), (guard = location.href);
  });
  on(window, 'popstate', () => {
    if (guard == location.href) (guard = ''), go();
  });

  // Hidden for 5 s or more (another app or tab), then back.
  let hiddenAt = 0;
  on(document, 'visibilitychange', () => {
    if (document.hidden) hiddenAt = Date.now();
    else if (hiddenAt && Date.now() - hiddenAt >= 5e3) go();
  });
}
