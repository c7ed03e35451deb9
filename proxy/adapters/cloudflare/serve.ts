/**
 * The Worker's `fetch`: the proxy built from the config published in KV, submissions into the queue,
 * widget files from static assets. Settings are read and checked once per isolate (bindings are fixed
 * for its life); the handler is rebuilt only when the published config changes.
 */
import { createHandler, type Handler } from '../../handler.ts';
import { HttpError } from '../../errors.ts';
import type { Delivery } from '../../delivery/types.ts';
import { requireBraze, type Settings } from '../../settings.ts';
import { workerAssets, workerStudioAssets } from './assets.ts';
import { d1State } from './d1-schema.ts';
import type { SqlDatabase } from '../../studio/db.ts';
import { workerSettings, type WorkerEnv } from './env.ts';
import { kvDeadLetterStore } from './kv-dead-letters.ts';
import { publishedHandlers, type PublishedHandlers } from './published-config.ts';
import { createQueueDelivery } from './queue-delivery.ts';
import { workerErasure } from './lifecycle.ts';
import { d1Offers } from './d1-offers.ts';
import { workerAnalytics } from './analytics.ts';

function build(env: WorkerEnv, settings: Settings): (config: unknown) => Handler {
  const braze = requireBraze(settings);
  return (config) =>
    createHandler({
      config,
      braze,
      env: settings.env,
      secret: settings.signingSecret,
      delivery: env.QUEUE ? queueDelivery(env.QUEUE, env.DEAD_LETTERS) : undefined,
      assets: env.ASSETS ? workerAssets(env.ASSETS) : undefined,
      adminToken: settings.adminToken,
      erasure: workerErasure(env),
      offers: env.DB ? d1Offers(env.DB) : undefined,
      analytics: workerAnalytics(env.ANALYTICS_DB, env.ANALYTICS_QUEUE),
      studio: workerStudio(env, settings),
    });
}

/**
 * The studio runs when D1 is bound and INLET_STUDIO_SECRET is set (isolates share no memory: without
 * one secret each would refuse the others' sessions). D1 holds forms, versions, users and the log;
 * FORMS (KV) caches what is live.
 */
function workerStudio(env: WorkerEnv, settings: Settings) {
  const db = env.DB;
  if (!db || !settings.studio.secret) return undefined;
  const { secret, firstPublisher, origins } = settings.studio;
  return {
    db: db as unknown as SqlDatabase,
    schemaReady: () => d1State(db),
    cache: env.FORMS,
    liveTtlMs: settings.configTtlMs,
    assets: env.ASSETS ? workerStudioAssets(env.ASSETS) : undefined,
    secret,
    firstPublisher,
    origins,
  };
}

/** The queue producer, plus the KV dead letters so `/v1/admin/dead-letters` can list, replay (re-queue) and drop them. */
function queueDelivery(queue: NonNullable<WorkerEnv['QUEUE']>, deadLetters: WorkerEnv['DEAD_LETTERS']): Delivery {
  const delivery = createQueueDelivery(queue);
  if (!deadLetters) return delivery;
  return { ...delivery, deadLetters: kvDeadLetterStore(deadLetters, (s) => queue.send(s, { contentType: 'json' }).then(() => {})) };
}

let isolate: { settings: Settings; handlers: PublishedHandlers } | undefined;

/** The handler for the config published now, built once per isolate and per config text. */
export function currentHandler(env: WorkerEnv): Promise<Handler> {
  if (!isolate) {
    const settings = workerSettings(env);
    isolate = { settings, handlers: publishedHandlers(build(env, settings)) };
  }
  return isolate.handlers.current(env, isolate.settings);
}

export async function serveWorker(request: Request, env: WorkerEnv): Promise<Response> {
  try {
    const handle = await currentHandler(env).catch(async (error: unknown) => {
      // Before the first publish the widget files are still served; the API answers why it cannot.
      const asset = env.ASSETS && request.method === 'GET' ? await workerAssets(env.ASSETS)(new URL(request.url).pathname, request) : null;
      if (asset) return () => Promise.resolve(asset);
      throw error;
    });
    // Cloudflare sets cf-connecting-ip itself, overwriting any a client sent, and `request.cf` is its own.
    const cf = (request as Request & { cf?: { country?: unknown } }).cf;
    return await handle(request, { clientIp: request.headers.get('cf-connecting-ip') ?? undefined, country: typeof cf?.country === 'string' ? cf.country : undefined });
  } catch (error) {
    if (error instanceof HttpError) return error.toResponse();
    console.error('inlet: the worker cannot serve', error instanceof Error ? error.message : typeof error);
    return new HttpError(503, 'not_configured', 'The proxy is not configured; see the worker logs.').toResponse();
  }
}
