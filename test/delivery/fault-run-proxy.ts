/**
 * The proxy process of the fault run (fault-run.test.ts): the Node adapter's own parts — handler,
 * SQLite outbox, delivery worker, HTTP server — with a Braze timeout short enough that an injected
 * hang costs the run seconds, not minutes. Killed with SIGKILL and restarted on the same file.
 */
import { readFileSync } from 'node:fs';
import { createNodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { serve } from '../../proxy/adapters/node/server.ts';
import { createHandler } from '../../proxy/handler.ts';

const braze = { endpoint: process.env.RUN_BRAZE_URL!, apiKey: process.env.RUN_BRAZE_KEY! };
const node = await createNodeDelivery({ path: process.env.RUN_OUTBOX!, braze, timeoutMs: Number(process.env.RUN_TIMEOUT_MS ?? 2_000) });
const handler = createHandler({ config: JSON.parse(readFileSync(process.env.RUN_CONFIG!, 'utf8')), braze, delivery: node.delivery });
const server = await serve(handler, { port: 0 });
console.log(`listening on ${server.url}`);
