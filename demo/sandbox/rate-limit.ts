/**
 * Fixed-window counters per endpoint family (braze-api.md §2.4): windows align on the clock
 * (an hourly limit resets on the hour), headers are lowercase, and a 429 carries only
 * `x-ratelimit-retry-after`.
 */
import type { Clock } from './clock.ts';
import { DEFAULT_RATE_LIMITS, type RateFamily, type SandboxOptions } from './options.ts';

export type RateDecision = { ok: true; headers: Record<string, string> } | { ok: false; headers: Record<string, string> };

export function createRateLimiter(options: Pick<SandboxOptions, 'rateLimits' | 'rateLimitReset'>, clock: Clock) {
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const windows = new Map<RateFamily, { start: number; count: number }>();

  return {
    take(family: RateFamily): RateDecision {
      const { limit, windowMs } = limits[family];
      const now = clock.now();
      const start = now - (now % windowMs);
      const current = windows.get(family);
      const window = current && current.start === start ? current : { start, count: 0 };
      windows.set(family, window);
      const end = start + windowMs;
      const secondsLeft = Math.max(1, Math.ceil((end - now) / 1000));
      if (window.count >= limit) return { ok: false, headers: { 'x-ratelimit-retry-after': String(secondsLeft) } };
      window.count += 1;
      const reset = options.rateLimitReset === 'epoch' ? Math.ceil(end / 1000) : secondsLeft;
      return {
        ok: true,
        headers: {
          'x-ratelimit-limit': String(limit),
          'x-ratelimit-remaining': String(limit - window.count),
          'x-ratelimit-reset': String(reset),
        },
      };
    },
    reset() {
      windows.clear();
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
