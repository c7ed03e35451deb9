/**
 * Runs the proxy on Node: `node proxy/adapters/node/main.ts` with INLET_CONFIG, BRAZE_REST_ENDPOINT,
 * BRAZE_API_KEY and PORT set. Accepted submissions wait in a SQLite outbox (INLET_OUTBOX, default
 * `.inlet/outbox.sqlite`; `off` for direct delivery); INLET_ADMIN_TOKEN opens `/v1/admin/*`. The studio
 * runs when INLET_STUDIO_DB or INLET_STUDIO_PUBLISHER is set (docs/studio.md; proxy/studio/settings.ts).
 */
import { createHandler } from '../../handler.ts';
import { fileAssets } from './assets.ts';
import { readJsonFile, readNodeEnv } from './node-env.ts';
import { serve } from './server.ts';
import { readDeliveryEnv } from './delivery-env.ts';
import { createNodeDelivery } from './delivery.ts';
import { nodeStudio } from './studio.ts';

const env = readNodeEnv();
if (!env.braze) throw new Error('Set BRAZE_REST_ENDPOINT and BRAZE_API_KEY; `npm start` runs a local Braze sandbox instead.');
const deliveryEnv = readDeliveryEnv();
const outbox = deliveryEnv.outboxPath ? await createNodeDelivery({ path: deliveryEnv.outboxPath, braze: env.braze, synchronous: deliveryEnv.synchronous }) : undefined;
const studio = nodeStudio();
const handler = createHandler({
  config: readJsonFile(env.configPath),
  braze: env.braze,
  assets: fileAssets(env.widgetDir),
  delivery: outbox?.delivery,
  adminToken: deliveryEnv.adminToken,
  studio: studio?.options,
});
const stopScheduler = studio?.schedule(handler);
const server = await serve(handler, { port: env.port, host: env.host });
console.log(`Inlet proxy listening on ${server.url}${outbox ? ` (outbox: ${deliveryEnv.outboxPath})` : ' (direct delivery)'}`);
if (studio) console.log(`Inlet studio at ${server.url}/studio (store: ${studio.path})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void (stopScheduler?.(), server.close()).then(() => outbox?.close()).then(() => studio?.close()).then(() => process.exit(0)));
}
