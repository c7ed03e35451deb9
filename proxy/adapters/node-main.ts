/**
 * Runs the proxy on Node: `node proxy/adapters/node-main.ts` with INLET_CONFIG, BRAZE_REST_ENDPOINT,
 * BRAZE_API_KEY and PORT set.
 */
import { createHandler } from '../handler.ts';
import { fileAssets } from './node-assets.ts';
import { readJsonFile, readNodeEnv } from './node-env.ts';
import { serve } from './node.ts';

const env = readNodeEnv();
if (!env.braze) throw new Error('Set BRAZE_REST_ENDPOINT and BRAZE_API_KEY; `npm start` runs a local Braze sandbox instead.');
const handler = createHandler({ config: readJsonFile(env.configPath), braze: env.braze, assets: fileAssets(env.widgetDir) });
const server = await serve(handler, { port: env.port, host: env.host });
console.log(`Inlet proxy listening on ${server.url}`);
