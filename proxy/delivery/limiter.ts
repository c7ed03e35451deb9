/**
 * Keeps calls to Braze under its limits: at most `concurrency` in flight and `limit` started per
 * sliding `windowMs`, and none at all while Braze has asked us to wait (429).
 */

export interface LimiterOptions {
  concurrency: number;
  /** Calls started per window; Braze's default for `/users/track` is 3,000 per 3 s (braze-api.md §2.4). */
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** No call starts before `until` (epoch ms). */
  holdUntil(until: number): void;
  inFlight(): number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createLimiter(options: LimiterOptions): Limiter {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const starts: number[] = [];
  const waiters: (() => void)[] = [];
  let active = 0;
  let heldUntil = 0;

  async function acquire(): Promise<void> {
    while (active >= options.concurrency) await new Promise<void>((resolve) => waiters.push(resolve));
    active += 1;
    for (;;) {
      const t = now();
      while (starts.length > 0 && starts[0]! <= t - options.windowMs) starts.shift();
      const windowWait = starts.length >= options.limit ? starts[0]! + options.windowMs - t : 0;
      const delay = Math.max(heldUntil - t, windowWait);
      if (delay <= 0) break;
      await wait(delay);
    }
    starts.push(now());
  }

  function release(): void {
    active -= 1;
    waiters.shift()?.();
  }

  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    holdUntil(until) {
      heldUntil = Math.max(heldUntil, until);
    },
    inFlight: () => active,
  };
}
