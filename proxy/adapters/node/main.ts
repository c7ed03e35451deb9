/**
 * Runs the proxy on Node: `node proxy/adapters/node/main.ts`, configured by the environment
 * (docs/settings.md): BRAZE_REST_ENDPOINT, BRAZE_API_KEY, INLET_CONFIG_FILE (or INLET_CONFIG), PORT.
 * The studio runs when INLET_STUDIO_DB or INLET_STUDIO_PUBLISHER is set (docs/studio.md).
 */
import { readSettings } from '../../settings.ts';
import { explainAndExit, startNodeProxy } from './start.ts';

const proxy = await Promise.resolve()
  .then(() => startNodeProxy(readSettings('node', (name) => process.env[name])))
  .catch(explainAndExit);
console.log(`Inlet proxy listening on ${proxy.server.url} (${proxy.outboxPath ? `outbox: ${proxy.outboxPath}` : 'direct delivery'})`);
if (proxy.studio) console.log(`Inlet studio at ${proxy.server.url}/studio (store: ${proxy.studio.path})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void proxy.close().then(() => process.exit(0)));
