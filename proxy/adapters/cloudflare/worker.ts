/**
 * Cloudflare Workers module worker: `fetch` serves the proxy (config published in KV, submissions
 * into the queue, widget files from static assets) and `queue` delivers batches to Braze.
 * Deploy with `npm run deploy:cloudflare` (wrangler.toml at the repository root).
 */
import { createHandler, type Handler } from '../../handler.ts';
import { HttpError } from '../../errors.ts';
import { workerAssets, workerStudioAssets } from './assets.ts';
import { consumeBatch } from './consumer.ts';
import { readWorkerEnv, type WorkerEnv, type WorkerSettings } from './env.ts';
import { publishedHandlers, type PublishedHandlers } from './published-config.ts';
import { createQueueDelivery } from './queue-delivery.ts';
import { kvDeadLetterStore } from './kv-dead-letters.ts';
import type { Delivery } from '../../delivery/types.ts';
import type { ExecutionContext, MessageBatch, ScheduledController } from './types.ts';

function build(env: WorkerEnv, settings: WorkerSettings): (config: unknown) => Handler {
  return (config) =>
    createHandler({
      config,
      braze: settings.braze,
      env: settings.vars,
      secret: settings.signingSecret,
      delivery: env.QUEUE ? queueDelivery(env.QUEUE, env.DEAD_LETTERS) : undefined,
      assets: env.ASSETS ? workerAssets(env.ASSETS) : undefined,
      adminToken: settings.adminToken,
      // The studio: D1 holds forms, versions, users and the log; FORMS (KV) caches what is live.
      studio:
        settings.studio && env.STUDIO_DB
          ? { ...settings.studio, db: env.STUDIO_DB, cache: env.FORMS, liveTtlMs: settings.configTtlMs, assets: env.ASSETS ? workerStudioAssets(env.ASSETS) : undefined }
          : undefined,
    });
}

/** The queue producer, plus the KV dead letters so `/v1/admin/dead-letters` can list, replay (re-queue) and drop them. */
function queueDelivery(queue: NonNullable<WorkerEnv['QUEUE']>, deadLetters: WorkerEnv['DEAD_LETTERS']): Delivery {
  const delivery = createQueueDelivery(queue);
  if (!deadLetters) return delivery;
  return { ...delivery, deadLetters: kvDeadLetterStore(deadLetters, (s) => queue.send(s, { contentType: 'json' })) };
}

// Bindings are fixed for an isolate's life: read and checked once.
let isolate: { settings: WorkerSettings; handlers: PublishedHandlers } | undefined;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    try {
      if (!isolate) {
        const settings = readWorkerEnv(env);
        isolate = { settings, handlers: publishedHandlers(build(env, settings)) };
      }
      const handle = await isolate.handlers.current(env, isolate.settings.configTtlMs).catch(async (error: unknown) => {
        // Before the first publish the widget files are still served; the API answers why it cannot.
        const asset = env.ASSETS && request.method === 'GET' ? await workerAssets(env.ASSETS)(new URL(request.url).pathname) : null;
        if (asset) return () => Promise.resolve(asset);
        throw error;
      });
      return await handle(request, env, ctx);
    } catch (error) {
      if (error instanceof HttpError) return error.toResponse();
      console.error('inlet: the worker cannot serve', error instanceof Error ? error.message : typeof error);
      return new HttpError(500, 'internal_error', 'The proxy is not configured; see the worker logs.').toResponse();
    }
  },

  queue(batch: MessageBatch, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    return consumeBatch(batch, env, ctx);
  },

  /** The Cron Trigger (wrangler.toml `[triggers]`): the studio's scheduled publishes and ends. */
  async scheduled(_controller: ScheduledController, env: WorkerEnv, _ctx: ExecutionContext): Promise<void> {
    if (!isolate) {
      const settings = readWorkerEnv(env);
      isolate = { settings, handlers: publishedHandlers(build(env, settings)) };
    }
    const handle = await isolate.handlers.current(env, isolate.settings.configTtlMs);
    await handle.studio?.tick();
  },
};
