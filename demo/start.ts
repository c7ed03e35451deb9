/**
 * `npm start`: the demo on 127.0.0.1. Ports come from PORT (proxy), SANDBOX_PORT and DEMO_PORT.
 * With BRAZE_REST_ENDPOINT and BRAZE_API_KEY set, sign-ups go to that Braze instead of the sandbox.
 */
import { readNodeEnv } from '../proxy/adapters/node/node-env.ts';
import { readDeliveryEnv } from '../proxy/adapters/node/delivery-env.ts';
import { startStack } from './stack.ts';
import { DEMO_ATTRIBUTES } from './inlet.config.ts';

const env = readNodeEnv();
const delivery = readDeliveryEnv();
const stack = await startStack({
  // The outbox survives restarts (.inlet/outbox.sqlite unless INLET_OUTBOX says otherwise), as in production.
  outboxPath: delivery.outboxPath ?? false,
  adminToken: delivery.adminToken,
  sandboxOptions: {
    // The sandbox keeps its profiles beside the outbox, so sign-ups made in the demo survive a restart.
    persistPath: process.env.SANDBOX_PERSIST ?? '.inlet/sandbox.json',
    // A workspace set up for the demo, so `npm run check` passes against it.
    attributeSchema: DEMO_ATTRIBUTES,
  },
  proxyPort: env.port,
  sandboxPort: Number(process.env.SANDBOX_PORT ?? 8789),
  demoPort: Number(process.env.DEMO_PORT ?? 8080),
  braze: env.braze,
  widgetDir: env.widgetDir,
  // The studio's store survives restarts too (INLET_STUDIO_DB); the demo login exists only with the sandbox.
  studioPath: process.env.INLET_STUDIO_DB ?? '.inlet/studio.sqlite',
});

console.log(`
  Inlet demo is running.

  Storefront      ${stack.storefront.url}/            ← open this; the sign-up form appears after 1 s
  Inlet proxy     ${stack.proxy.url}/inlet.js
  Studio          ${stack.proxy.url}/studio${stack.studioLogin ? `     ← sign in as ${stack.studioLogin.email} / ${stack.studioLogin.password}` : ' (sign in as INLET_STUDIO_PUBLISHER)'}
  Outbox          ${delivery.outboxPath ?? 'off (direct delivery)'}
  ${stack.sandbox ? `Braze sandbox   ${stack.sandbox.url}/_sandbox/    ← watch sign-ups arrive (kept in ${process.env.SANDBOX_PERSIST ?? '.inlet/sandbox.json'})` : `Braze           ${env.braze!.endpoint} (real Braze)`}

  Ctrl-C stops everything.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stack.close().then(() => process.exit(0)));
}
