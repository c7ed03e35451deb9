/** What became of one submission after a delivery round: the outbox or queue records exactly this. */
import type { DeadLetter } from './stores.ts';

export type Settlement =
  /** Braze took it. `deadLetter` holds any objects it refused for good; `dead` when that was all of them. */
  | { id: string; kind: 'done'; dead: boolean; deadLetter?: DeadLetter }
  /** Try again after `delayMs`. A pause for a site-wide fault (401/403) does not count as an attempt. */
  | { id: string; kind: 'retry'; delayMs: number; reason: string; countsAsAttempt: boolean };
