/**
 * The whole local stack: Braze sandbox → Inlet proxy (Node adapter) → demo storefront.
 * `npm start` runs it on fixed ports; tests run it on free ones (port 0).
 */
import { createHandler } from '../proxy/handler.ts';
import type { BrazeConnection } from '../proxy/options.ts';
import { fileAssets } from '../proxy/adapters/node-assets.ts';
import { serve, type RunningServer } from '../proxy/adapters/node.ts';
import { startSandbox } from './sandbox/server.ts';
import { startStorefront } from './storefront/server.ts';
import { demoConfig } from './inlet.config.ts';

export interface StackOptions {
  proxyPort?: number;
  sandboxPort?: number;
  demoPort?: number;
  /** Talk to this Braze instead of starting the sandbox. */
  braze?: BrazeConnection;
  widgetDir?: string;
  /** Key the sandbox accepts (and the proxy sends); defaults to SANDBOX_API_KEY or `sandbox`. */
  sandboxApiKey?: string;
  /** Proxy config; defaults to the demo config for the storefront's origin. */
  config?: (storefrontOrigins: string[]) => unknown;
}

export interface Stack {
  proxy: RunningServer;
  storefront: RunningServer;
  sandbox?: Awaited<ReturnType<typeof startSandbox>>;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sandboxKey = options.sandboxApiKey ?? process.env.SANDBOX_API_KEY ?? 'sandbox';
  const sandbox = options.braze ? undefined : await startSandbox({ port: options.sandboxPort ?? 0, apiKey: sandboxKey });
  const braze = options.braze ?? { endpoint: sandbox!.url, apiKey: sandboxKey };
  // The storefront needs the proxy's URL and the proxy needs the storefront's origin: bind the proxy's port first.
  const proxyPort = options.proxyPort ?? 0;
  let handler: ((r: Request) => Promise<Response>) | undefined;
  const proxy = await serve((request) => handler!(request), { port: proxyPort });
  const storefront = await startStorefront({ inletUrl: proxy.url, port: options.demoPort ?? 0 });
  const origins = [storefront.url, storefront.url.replace('127.0.0.1', 'localhost')];
  handler = createHandler({
    config: (options.config ?? ((o) => demoConfig({ storefrontOrigins: o })))(origins),
    braze,
    assets: fileAssets(options.widgetDir ?? 'dist/widget'),
  });
  return {
    proxy,
    storefront,
    sandbox,
    async close() {
      await Promise.all([proxy.close(), storefront.close(), sandbox?.close()]);
    },
  };
}
