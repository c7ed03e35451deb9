/** Exponential backoff with jitter, capped, for 5xx, timeouts and connection resets. */

export interface BackoffOptions {
  /** Delay ceiling of the first retry; each further attempt doubles it. */
  baseMs: number;
  /** No retry waits longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 10 * 60_000 };

/**
 * "Equal jitter": half the ceiling fixed, half random, so a burst of failures spreads out without
 * any retry collapsing to zero. `attempt` counts failures so far (1 after the first).
 */
export function backoffMs(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
