/**
 * Runs the proxy on Node: `node proxy/adapters/node/main.ts` with INLET_CONFIG, BRAZE_REST_ENDPOINT,
 * BRAZE_API_KEY and PORT set. Accepted submissions wait in a SQLite outbox (INLET_OUTBOX, default
 * `.inlet/outbox.sqlite`; `off` for direct delivery); INLET_ADMIN_TOKEN opens `/v1/admin/*`.
 */
import { createHandler } from '../../handler.ts';
import { fileAssets } from './assets.ts';
import { readJsonFile, readNodeEnv } from './node-env.ts';
import { serve } from './server.ts';
import { readDeliveryEnv } from './delivery-env.ts';
import { createNodeDelivery } from './delivery.ts';
import { refuseNewerStore } from './sqlite-migrate.ts';

const env = readNodeEnv();
if (!env.braze) throw new Error('Set BRAZE_REST_ENDPOINT and BRAZE_API_KEY; `npm start` runs a local Braze sandbox instead.');
const deliveryEnv = readDeliveryEnv();
const outbox = deliveryEnv.outboxPath ? await createNodeDelivery({ path: deliveryEnv.outboxPath, braze: env.braze, synchronous: deliveryEnv.synchronous }).catch(refuseNewerStore) : undefined;
const handler = createHandler({
  config: readJsonFile(env.configPath),
  braze: env.braze,
  assets: fileAssets(env.widgetDir),
  delivery: outbox?.delivery,
  adminToken: deliveryEnv.adminToken,
  erasure: outbox?.erasure,
  offers: outbox?.offers,
});
const server = await serve(handler, { port: env.port, host: env.host });
console.log(`Inlet proxy listening on ${server.url}${outbox ? ` (outbox: ${deliveryEnv.outboxPath})` : ' (direct delivery)'}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => outbox?.close()).then(() => process.exit(0)));
}
