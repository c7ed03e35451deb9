/**
 * Runs the proxy on Node: `node proxy/adapters/node/main.ts` with INLET_CONFIG, BRAZE_REST_ENDPOINT,
 * BRAZE_API_KEY and PORT set. Accepted submissions wait in a SQLite outbox (INLET_OUTBOX, default
 * `.inlet/outbox.sqlite`; `off` for direct delivery); INLET_ADMIN_TOKEN opens `/v1/admin/*`.
 */
import { dirname, join } from 'node:path';
import { createSqlAnalyticsStore } from '../../analytics/index.ts';
import { createHandler } from '../../handler.ts';
import { openAnalyticsDatabase } from './analytics-sqlite.ts';
import { fileAssets } from './assets.ts';
import { readJsonFile, readNodeEnv } from './node-env.ts';
import { serve } from './server.ts';
import { readDeliveryEnv } from './delivery-env.ts';
import { createNodeDelivery } from './delivery.ts';

const env = readNodeEnv();
if (!env.braze) throw new Error('Set BRAZE_REST_ENDPOINT and BRAZE_API_KEY; `npm start` runs a local Braze sandbox instead.');
const deliveryEnv = readDeliveryEnv();
const outbox = deliveryEnv.outboxPath ? await createNodeDelivery({ path: deliveryEnv.outboxPath, braze: env.braze, synchronous: deliveryEnv.synchronous }) : undefined;
// Analytics live beside the outbox (`analytics.sqlite`); with direct delivery there is no file, so none.
const analyticsDb = deliveryEnv.outboxPath ? openAnalyticsDatabase(join(dirname(deliveryEnv.outboxPath), 'analytics.sqlite')) : undefined;
const handler = createHandler({
  config: readJsonFile(env.configPath),
  braze: env.braze,
  assets: fileAssets(env.widgetDir),
  delivery: outbox?.delivery,
  adminToken: deliveryEnv.adminToken,
  ...(analyticsDb && { analytics: { store: await createSqlAnalyticsStore(analyticsDb) } }),
});
const server = await serve(handler, { port: env.port, host: env.host });
console.log(`Inlet proxy listening on ${server.url}${outbox ? ` (outbox: ${deliveryEnv.outboxPath})` : ' (direct delivery)'}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => outbox?.close()).then(() => process.exit(0)));
}
