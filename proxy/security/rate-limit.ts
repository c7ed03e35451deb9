/**
 * Fixed-window counters in memory. On a multi-instance edge each instance counts on its own, so the
 * limit is best effort there: it stops one client hammering one instance, not a distributed flood.
 */
export interface RateLimiter {
  /** Counts one hit for `key`; `retryAfterSeconds` is set when the hit is over `limit`. */
  hit(key: string, limit: number, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

export function createRateLimiter(windowMs = 60_000): RateLimiter {
  let window = -1;
  let counts = new Map<string, number>();
  return {
    hit(key, limit, now) {
      const current = Math.floor(now / windowMs);
      // A new window forgets every key at once: memory stays bounded by one minute of clients.
      if (current !== window) {
        window = current;
        counts = new Map();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      if (count <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((current + 1) * windowMs - now) / 1000)) };
    },
  };
}
