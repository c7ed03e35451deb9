/** Simulated clock: the 30-day orphan window and rate-limit windows are tested by advancing it. */
export interface Clock {
  now(): number;
  advance(ms: number): void;
}

/** With `startTime` the clock stands still until advanced; without it, it follows real time plus the advances. */
export function createClock(startTime?: number): Clock {
  let offset = 0;
  return {
    now: () => (startTime ?? Date.now()) + offset,
    advance(ms) {
      offset += ms;
    },
  };
}
