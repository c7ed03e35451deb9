/**
 * Cloudflare Workers module worker: `fetch` serves the proxy (serve.ts) and `queue` delivers batches
 * to Braze (consumer.ts). Deploy with `npm run deploy:cloudflare` (wrangler.toml at the repository root).
 */
import { ANALYTICS_QUEUE, consumeAnalytics } from './analytics.ts';
import { consumeBatch } from './consumer.ts';
import type { WorkerEnv } from './env.ts';
import { runScheduled } from './lifecycle.ts';
import { serveWorker } from './serve.ts';
import type { MessageBatch, ScheduledController } from './cf.ts';

export default {
  fetch: (request: Request, env: WorkerEnv): Promise<Response> => serveWorker(request, env),
  queue: (batch: MessageBatch, env: WorkerEnv): Promise<void> => (batch.queue === ANALYTICS_QUEUE ? consumeAnalytics(batch as MessageBatch<never>, env.ANALYTICS_DB) : consumeBatch(batch, env)),
  /** The Cron Trigger (wrangler.toml `[triggers]`): retention (docs/data.md, "Retention"). */
  scheduled: (controller: ScheduledController, env: WorkerEnv): Promise<void> => runScheduled(env, controller.scheduledTime).then(() => {}),
};
