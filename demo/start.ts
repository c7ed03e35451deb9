/**
 * `npm start`: the demo on 127.0.0.1, configured like the proxy (docs/settings.md): PORT (proxy),
 * SANDBOX_PORT, DEMO_PORT; INLET_CONFIG or INLET_CONFIG_FILE to try your own forms and origins;
 * with BRAZE_REST_ENDPOINT and BRAZE_API_KEY set, sign-ups go to that Braze instead of the sandbox.
 */
import { loadConfigFile } from '../proxy/adapters/node/config-file.ts';
import { explainAndExit } from '../proxy/adapters/node/start.ts';
import { readSettings } from '../proxy/settings.ts';
import { startStack } from './stack.ts';
import { DEMO_ATTRIBUTES } from './inlet.config.ts';

async function start() {
  const settings = readSettings('demo', (name) => process.env[name]);
  const own = settings.config ?? (settings.configFile ? await loadConfigFile(settings.configFile) : undefined);
  const stack = await startStack({
    // The outbox survives restarts (.inlet/outbox.sqlite unless INLET_OUTBOX says otherwise), as in production.
    outboxPath: settings.outbox ?? false,
    outboxSync: settings.outboxSync,
    adminToken: settings.adminToken,
    signingSecret: settings.signingSecret,
    env: settings.env,
    sandboxApiKey: settings.sandbox.apiKey,
    // The sandbox keeps its profiles beside the outbox, so sign-ups made in the demo survive a restart;
    // its workspace is set up for the demo, so `npm run check` passes against it.
    sandboxOptions: { persistPath: settings.sandbox.persist, attributeSchema: DEMO_ATTRIBUTES },
    proxyPort: settings.port,
    sandboxPort: settings.sandbox.port,
    demoPort: settings.demoPort,
    braze: settings.braze,
    widgetDir: settings.widgetDir,
    // The studio's store survives restarts too (INLET_STUDIO_DB); the demo login exists only with the sandbox.
    studioPath: settings.studio.off ? undefined : (settings.studio.db ?? '.inlet/studio.sqlite'),
    studio: settings.studio,
    ...(own !== undefined && { config: () => own }),
  });
  return { settings, stack, own: own !== undefined };
}

const { settings, stack, own } = await start().catch(explainAndExit);
const configured = own ? (settings.configFile ?? 'INLET_CONFIG') : 'the demo config (set INLET_CONFIG_FILE to try your own)';
console.log(`
  Inlet demo is running.

  Storefront      ${stack.storefront.url}/            ← open this; the sign-up form appears after 1 s
  Form gallery    ${stack.storefront.url}/gallery.html ← every template, live (the SMS club: buttons on the home page)
  Inlet proxy     ${stack.proxy.url}/inlet.js
  Config          ${configured}
  Studio          ${stack.studioLogin ? `${stack.proxy.url}/studio     ← sign in as ${stack.studioLogin.email} / ${stack.studioLogin.password}` : settings.studio.off ? 'off (INLET_STUDIO_DB=off)' : `${stack.proxy.url}/studio (sign in as INLET_STUDIO_PUBLISHER)`}
  Outbox          ${settings.outbox ?? 'off (direct delivery)'}
  ${stack.sandbox ? `Braze sandbox   ${stack.sandbox.url}/_sandbox/    ← watch sign-ups arrive (kept in ${settings.sandbox.persist})` : `Braze           ${settings.braze!.endpoint} (real Braze)`}

  Ctrl-C stops everything.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stack.close().then(() => process.exit(0)));
}
