/**
 * One Cron Trigger, every minute (wrangler.toml `[triggers]`), serves two schedules: the studio's
 * scheduled publishes and end dates, due to the minute, on every tick; and retention
 * (docs/data.md, "Retention"), once a day, on the tick of RETENTION_AT_UTC.
 */
import type { RetentionReport } from '../../lifecycle/retention.ts';
import type { WorkerEnv } from './env.ts';
import { runScheduled } from './lifecycle.ts';
import { currentHandler } from './serve.ts';

/** The daily retention tick: 03:17 UTC, a quiet hour in most places. */
export const RETENTION_AT_UTC = { hour: 3, minute: 17 };

export function isRetentionTick(scheduledTime: number): boolean {
  const at = new Date(scheduledTime);
  return at.getUTCHours() === RETENTION_AT_UTC.hour && at.getUTCMinutes() === RETENTION_AT_UTC.minute;
}

export interface CronReport {
  studio?: { published: string[]; ended: string[] };
  retention?: RetentionReport;
}

export async function runCron(env: WorkerEnv, scheduledTime: number): Promise<CronReport> {
  const report: CronReport = {};
  // The studio first: a publish due now should not wait behind a long sweep. A Worker not yet
  // configured (no published config) has no studio to tick, and still sweeps.
  const handler = await currentHandler(env).catch(() => undefined);
  if (handler?.studio) report.studio = await handler.studio.tick();
  if (isRetentionTick(scheduledTime)) report.retention = await runScheduled(env, scheduledTime);
  return report;
}
