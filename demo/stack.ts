/**
 * The whole local stack: Braze sandbox → Inlet proxy (Node adapter) → demo storefront.
 * `npm start` runs it on fixed ports; tests run it on free ones (port 0).
 */
import { parseConfig } from '../proxy/config/inlet-config.ts';
import { createHandler, type Handler } from '../proxy/handler.ts';
import type { Studio } from '../proxy/studio/app.ts';
import type { BrazeConnection } from '../proxy/options.ts';
import type { StudioSettings } from '../proxy/settings.ts';
import { fileAssets } from '../proxy/adapters/node/assets.ts';
import { serve, type RunningServer } from '../proxy/adapters/node/server.ts';
import { createNodeDelivery, type NodeDelivery } from '../proxy/adapters/node/delivery.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from './sandbox/server.ts';
import type { SandboxOptions } from './sandbox/options.ts';
import { startStorefront } from './storefront/server.ts';
import { demoConfig } from './inlet.config.ts';
import { nodeStudio, type NodeStudio } from '../proxy/adapters/node/studio.ts';
import { hashPassword } from '../proxy/studio/passwords.ts';

/** The demo's studio login: created only when the stack runs against its own Braze sandbox. */
export const DEMO_STUDIO_USER = { email: 'demo@inlet.test', password: 'inlet-demo-publisher', name: 'Demo publisher' };

export interface StackOptions {
  proxyPort?: number;
  sandboxPort?: number;
  demoPort?: number;
  /** Talk to this Braze instead of starting the sandbox. */
  braze?: BrazeConnection;
  widgetDir?: string;
  /** Key the sandbox accepts (and the proxy sends); `sandbox` by default (`npm start`: SANDBOX_API_KEY). */
  sandboxApiKey?: string;
  /** Proxy config; defaults to the demo config for the storefront's origin. */
  config?: (storefrontOrigins: string[]) => unknown;
  /**
   * SQLite outbox file of the proxy; by default a fresh one in a temp folder, removed by `close()`.
   * `false` delivers directly (202 only once Braze accepted).
   */
  outboxPath?: string | false;
  /** Opens `/v1/admin/*` on the proxy. */
  adminToken?: string;
  /** Signs multi-step continuation tokens (INLET_SIGNING_SECRET). */
  signingSecret?: string;
  /** Where `env:NAME` references in the config resolve. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The outbox's SQLite synchronous mode (INLET_OUTBOX_SYNC). */
  outboxSync?: 'FULL' | 'NORMAL';
  /** More sandbox settings, e.g. `persistPath` (a demo that survives restarts) or an `attributeSchema`. */
  sandboxOptions?: Partial<SandboxOptions>;
  /**
   * Runs the studio at /studio with its SQLite store at this path (`:memory:` for a throwaway one);
   * with the sandbox upstream it also gets the demo login (DEMO_STUDIO_USER).
   */
  studioPath?: string;
  /** The studio's settings (secret, first publisher, origins), as `npm start` read them. */
  studio?: StudioSettings;
}

export interface Stack {
  proxy: RunningServer;
  storefront: RunningServer;
  sandbox?: Awaited<ReturnType<typeof startSandbox>>;
  /** The proxy's outbox, when it has one. */
  outbox?: NodeDelivery;
  /** The demo login, when the studio runs against the sandbox. */
  studioLogin?: { email: string; password: string };
  /** The running studio (its scheduler, store and session check), when there is one. */
  studio?: Studio;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sandboxKey = options.sandboxApiKey ?? 'sandbox';
  const sandbox = options.braze ? undefined : await startSandbox({ ...options.sandboxOptions, port: options.sandboxPort ?? 0, apiKey: sandboxKey });
  const braze = options.braze ?? { endpoint: sandbox!.url, apiKey: sandboxKey };
  // The storefront needs the proxy's URL and the proxy needs the storefront's origin: bind the proxy's port first.
  const proxyPort = options.proxyPort ?? 0;
  let handler: Handler | undefined;
  const proxy = await serve((request, info) => handler!(request, info), { port: proxyPort, portSetting: 'PORT' });
  const storefront = await startStorefront({ inletUrl: proxy.url, port: options.demoPort ?? 0 });
  const origins = [storefront.url, storefront.url.replace('127.0.0.1', 'localhost')];
  const tempDir = options.outboxPath === undefined ? mkdtempSync(join(tmpdir(), 'inlet-stack-')) : undefined;
  const outboxPath = tempDir ? join(tempDir, 'outbox.sqlite') : options.outboxPath;
  // The config is checked before the outbox file exists, so a refused config creates nothing.
  // The studio seeds its store from the config as written, so the handler gets the raw one.
  const config = (options.config ?? ((o) => demoConfig({ storefrontOrigins: o })))(origins);
  parseConfig(config, { env: options.env });
  const outbox = outboxPath ? await createNodeDelivery({ path: outboxPath, braze, synchronous: options.outboxSync }) : undefined;
  const studio: NodeStudio | undefined = options.studioPath
    ? nodeStudio({ studio: options.studio ?? { off: false }, widgetDir: options.widgetDir ?? 'dist/widget' }, { path: options.studioPath })
    : undefined;
  if (studio && outbox) {
    outbox.purgers.push(...studio.purgers);
    outbox.erasure.register(studio.erasure);
  }
  const built = createHandler({
    config,
    braze,
    env: options.env,
    secret: options.signingSecret,
    assets: fileAssets(options.widgetDir ?? 'dist/widget'),
    delivery: outbox?.delivery,
    adminToken: options.adminToken,
    erasure: outbox?.erasure,
    studio: studio?.options,
  });
  // Never with real Braze credentials: the demo login is for the sandbox only.
  const studioLogin = studio && !options.braze ? DEMO_STUDIO_USER : undefined;
  if (studioLogin) await (await built.studio!.store()).upsertUser({ ...DEMO_STUDIO_USER, password: await hashPassword(DEMO_STUDIO_USER.password), roles: { shop: 'publisher' } }, Date.now());
  const stopScheduler = studio?.schedule(built);
  handler = built;
  return {
    proxy,
    storefront,
    sandbox,
    outbox,
    studioLogin,
    studio: built.studio,
    async close() {
      stopScheduler?.();
      await Promise.all([proxy.close(), storefront.close()]);
      await outbox?.close();
      studio?.close();
      await sandbox?.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
