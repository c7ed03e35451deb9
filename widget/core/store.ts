/**
 * Visitor state: one small versioned JSON under `inlet:<site>`. localStorage shares it between tabs;
 * without storage (private mode, blocked, or consent not given yet) it lives in memory only.
 * Keys are one letter because they ship in the loader.
 */

export interface FormRecord {
  /** Times shown. */
  s?: number;
  /** Last closed, ms since epoch. */
  c?: number;
  /** Last submitted, ms since epoch. */
  d?: number;
}

/** What the visit is known by; sent as a submission's `context` (the proxy keeps what the site config asks for). */
export type VisitContext = Record<string, string | number> & {
  /** Visits, this one included. */
  visits: number;
  pages_per_session: number;
  landing_page: string;
  /** Referrer the visit came with. */
  referrer: string;
  // …and `utm_source`, `utm_campaign`, …: the UTM parameters the visit landed with.
};

export interface VisitorState {
  v: 1;
  /** Random visitor seed: sticky sampling and A/B variants. */
  id: string;
  /** Last page view: a visit ends after 30 minutes without one. */
  t: number;
  /** Visit start. */
  s: number;
  c: VisitContext;
  /** Last submission of any form of the site. */
  d?: number;
  /** Last assigned to a form (shown or held out): the visit ping's 30-day window. */
  a?: number;
  /** Per form id. */
  f: Record<string, FormRecord>;
}

export interface Store {
  get(): VisitorState;
  set(change: (state: VisitorState) => void): void;
  /** Turns localStorage on (the host's consent manager allows it) or off (erasing what it held). */
  use(local: boolean): void;
  /** State persists (storage allowed and working): the visitor may join experiments. */
  ok(): boolean;
}

const VISIT_GAP = 30 * 60e3;

export function createStore(key: string, local: boolean): Store {
  let memory: VisitorState | undefined;
  // Reading `localStorage` itself throws in some sandboxed frames, hence the getter inside try blocks.
  const area = () => (local ? localStorage : null)!;
  // A fresh state has t = 0: the first page view starts a visit and fills in the rest.
  const get = (): VisitorState => {
    let stored: VisitorState | undefined;
    try {
      stored = JSON.parse(area().getItem(key)!);
    } catch {}
    return stored?.v == 1 ? stored : (memory ?? ({ v: 1, id: Math.random().toString(36).slice(2), t: 0, f: {} } as never));
  };
  const set = (change: (state: VisitorState) => void) => {
    const state = get();
    change(state);
    memory = state;
    try {
      area().setItem(key, JSON.stringify(state));
    } catch {}
  };
  return {
    get,
    set,
    ok: () => {
      try {
        return !!area();
      } catch {
        return false;
      }
    },
    use(next) {
      local = next;
      // Turned on: an earlier consented visit's state wins, else what this page recorded is written.
      if (next) set(() => {});
      else
        try {
          localStorage.removeItem(key);
        } catch {}
    },
  };
}

/** Counts a page view; the first one after a 30-minute gap starts a new visit. */
export function countPageView(state: VisitorState, now: number): void {
  if (now - state.t > VISIT_GAP) {
    // -~x is x + 1, with undefined counting as 0.
    const c: VisitContext = { visits: -~state.c?.visits!, pages_per_session: 0, landing_page: location.href, referrer: document.referrer };
    new URLSearchParams(location.search).forEach((value, name) => name.startsWith('utm_') && (c[name] = value));
    state.c = c;
    state.s = now;
  }
  state.c.pages_per_session++;
  state.t = now;
}
