/**
 * Cloudflare Workers module worker: `fetch` serves the proxy (serve.ts) and `queue` delivers batches
 * to Braze (consumer.ts). Deploy with `npm run deploy:cloudflare` (wrangler.toml at the repository root).
 */
import { consumeBatch } from './consumer.ts';
import type { WorkerEnv } from './env.ts';
import { serveWorker } from './serve.ts';
import type { MessageBatch } from './cf.ts';

export default {
  fetch: (request: Request, env: WorkerEnv): Promise<Response> => serveWorker(request, env),
  queue: (batch: MessageBatch, env: WorkerEnv): Promise<void> => consumeBatch(batch, env),
};
