/** The Node scheduler for retention: one sweep at start-up, then one per interval, never overlapping. */
import { runRetention, type RetentionPolicy, type RetentionPurger, type RetentionReport } from '../../lifecycle/retention.ts';

export interface RetentionTimerOptions {
  purgers: () => readonly RetentionPurger[];
  policy: RetentionPolicy;
  /** Default one hour. */
  intervalMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export interface RetentionTimer {
  /** One sweep now (what the timer runs). */
  run(): Promise<RetentionReport>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

export function startRetentionTimer(options: RetentionTimerOptions): RetentionTimer {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  // Sweeps run one after another: a call during a sweep gets a fresh one once it ends.
  let running: Promise<unknown> = Promise.resolve();
  const run = (): Promise<RetentionReport> => {
    const next = running.catch(() => {}).then(async () => {
      const report = await runRetention(options.purgers(), options.policy, now());
      const removed = Object.entries(report.removed).filter(([, n]) => n > 0);
      if (removed.length) log(`inlet: retention removed ${removed.map(([k, n]) => `${n} ${k}`).join(', ')}`);
      return report;
    });
    running = next;
    return next;
  };
  const sweep = () => void run().catch((error: unknown) => console.error('inlet: retention sweep failed', error instanceof Error ? error.message : typeof error));
  const timer = setInterval(sweep, options.intervalMs ?? 3600_000);
  timer.unref();
  queueMicrotask(sweep);
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running.catch(() => {});
    },
  };
}
