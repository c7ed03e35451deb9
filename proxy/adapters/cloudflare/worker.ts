/**
 * Cloudflare Workers module worker: `fetch` serves the proxy (serve.ts), `queue` delivers batches
 * to Braze (consumer.ts) and `scheduled` runs the Cron Trigger's work (scheduled.ts). Deploy with
 * `npm run deploy:cloudflare` (wrangler.toml at the repository root).
 */
import { ANALYTICS_QUEUE, consumeAnalytics } from './analytics.ts';
import { consumeBatch } from './consumer.ts';
import type { WorkerEnv } from './env.ts';
import { runCron } from './scheduled.ts';
import { serveWorker } from './serve.ts';
import type { MessageBatch, ScheduledController } from './cf.ts';

export default {
  fetch: (request: Request, env: WorkerEnv): Promise<Response> => serveWorker(request, env),
  queue: (batch: MessageBatch, env: WorkerEnv): Promise<void> => (batch.queue === ANALYTICS_QUEUE ? consumeAnalytics(batch as MessageBatch<never>, env.ANALYTICS_DB) : consumeBatch(batch, env)),
  /** The Cron Trigger (wrangler.toml `[triggers]`): the studio's due publishes, and retention once a day (docs/data.md, "Retention"). */
  scheduled: (controller: ScheduledController, env: WorkerEnv): Promise<void> => runCron(env, controller.scheduledTime).then(() => {}),
};
