/** What became of one submission after a delivery round: the outbox or queue records exactly this. */
import type { DeadLetter } from './stores.ts';
import type { PreparedSubmission } from './types.ts';

export type Settlement =
  /** Braze took it. `deadLetter` holds any objects it refused for good; `dead` when that was all of them. */
  | { id: string; kind: 'done'; dead: boolean; deadLetter?: DeadLetter }
  /** Try again after `delayMs`. A pause for a site-wide fault (401/403) does not count as an attempt. */
  | {
      id: string;
      kind: 'retry';
      delayMs: number;
      reason: string;
      countsAsAttempt: boolean;
      /**
       * Part of the submission is done: its `/users/track` objects were accepted and only its
       * triggers are left. The store must keep this in place of the submission, so the retry does
       * not send the track objects (and their consent event) again.
       */
      remaining?: PreparedSubmission;
    };
