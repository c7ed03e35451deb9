/**
 * The whole local stack: Braze sandbox → Inlet proxy (Node adapter) → demo storefront.
 * `npm start` runs it on fixed ports; tests run it on free ones (port 0).
 */
import { parseConfig } from '../proxy/config/inlet-config.ts';
import { createHandler, type Handler } from '../proxy/handler.ts';
import type { BrazeConnection } from '../proxy/options.ts';
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
}

export interface Stack {
  proxy: RunningServer;
  storefront: RunningServer;
  sandbox?: Awaited<ReturnType<typeof startSandbox>>;
  /** The proxy's outbox, when it has one. */
  outbox?: NodeDelivery;
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
  const config = parseConfig((options.config ?? ((o) => demoConfig({ storefrontOrigins: o })))(origins), { env: options.env });
  const outbox = outboxPath ? await createNodeDelivery({ path: outboxPath, braze, synchronous: options.outboxSync }) : undefined;
  handler = createHandler({
    config,
    braze,
    env: options.env,
    secret: options.signingSecret,
    assets: fileAssets(options.widgetDir ?? 'dist/widget'),
    delivery: outbox?.delivery,
    adminToken: options.adminToken,
  });
  return {
    proxy,
    storefront,
    sandbox,
    outbox,
    async close() {
      await Promise.all([proxy.close(), storefront.close()]);
      await outbox?.close();
      await sandbox?.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
