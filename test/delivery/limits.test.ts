import { describe, expect, it } from 'vitest';
import { backoffMs, createLimiter } from '../../proxy/delivery/index.ts';

describe('backoffMs', () => {
  const options = { baseMs: 1_000, maxMs: 60_000 };

  it('doubles per attempt, with the jitter between half and all of the ceiling', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, options, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, options, () => 0.999999))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits longer than the ceiling', () => {
    expect(backoffMs(40, options, () => 0.999999)).toBe(60_000);
    expect(backoffMs(40, options, () => 0)).toBe(30_000);
  });
});

describe('createLimiter', () => {
  function clock() {
    let now = 0;
    const sleeps: number[] = [];
    return { now: () => now, sleeps, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)) };
  }

  it('starts no more than `limit` calls per window', async () => {
    const c = clock();
    const limiter = createLimiter({ concurrency: 10, limit: 3, windowMs: 1_000, now: c.now, sleep: c.sleep });
    const started: number[] = [];
    for (let i = 0; i < 7; i++) await limiter.run(async () => void started.push(c.now()));
    expect(started).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const limiter = createLimiter({ concurrency: 2, limit: 100, windowMs: 1_000 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limiter.run(async () => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it('holds every call until the time Braze asked for', async () => {
    const c = clock();
    const limiter = createLimiter({ concurrency: 4, limit: 100, windowMs: 1_000, now: c.now, sleep: c.sleep });
    limiter.holdUntil(1_500);
    limiter.holdUntil(700);
    await limiter.run(async () => undefined);
    expect(c.now()).toBe(1_500);
  });
});
