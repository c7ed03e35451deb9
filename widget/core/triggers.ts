/**
 * Arms a form's triggers; the first to fire wins and disarms the rest.
 * Listeners are passive and capturing: the host page can neither slow them nor swallow them.
 */
import type { Trigger } from '../../proxy/config/targeting-schema.ts';
import type { VisitorState } from './store.ts';
import { armExitIntent } from './exit-intent.ts';

export type Off = () => void;
export type Listen = (target: EventTarget, type: string, listener: (event: any) => void) => void;

const OPTIONS = { capture: true, passive: true };
const ACTIVITY = ['pointermove', 'keydown', 'scroll', 'touchstart'];

/**
 * `page`: when the page (or single-page-app route) started, ms since epoch.
 * Returns a function that disarms every trigger; `fire` runs at most once.
 */
export function armTriggers(triggers: Trigger[], page: number, state: VisitorState, fire: () => void): Off {
  const offs: Off[] = [];
  let done = false;
  const off = () => offs.splice(0).forEach((f) => f());
  const go = () => {
    if (!done) {
      done = true;
      off();
      fire();
    }
  };
  const after = (ms: number) => {
    const timer = setTimeout(go, ms);
    offs.push(() => clearTimeout(timer));
  };
  const on: Listen = (target, type, listener) => {
    target.addEventListener(type, listener, OPTIONS);
    offs.push(() => target.removeEventListener(type, listener, OPTIONS));
  };
  for (const t of triggers) {
    if (t.delay != null) after(t.delay * 1e3 - Date.now() + page);
    if (t.timeOnSite != null) after(t.timeOnSite * 1e3 - Date.now() + state.s);
    if (t.pageViews! <= state.c.pages_per_session) after(0);
    if (t.scroll) {
      const depth = t.scroll;
      on(window, 'scroll', () => (scrollY + innerHeight) * 100 >= depth * document.documentElement.scrollHeight && go());
    }
    if (t.click) {
      const selector = t.click;
      on(document, 'click', (e) => {
        try {
          if (e.target.closest(selector)) go();
        } catch {}
      });
    }
    if (t.inactivity) {
      let timer: ReturnType<typeof setTimeout>;
      const idle = t.inactivity * 1e3;
      const reset = () => {
        clearTimeout(timer);
        timer = setTimeout(go, idle);
      };
      reset();
      ACTIVITY.forEach((type) => on(document, type, reset));
      offs.push(() => clearTimeout(timer));
    }
    if (t.exitIntent) armExitIntent(t.exitIntent, page, on, go);
  }
  return off;
}
