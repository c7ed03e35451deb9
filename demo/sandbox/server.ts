/**
 * Serves a sandbox over HTTP with the Node adapter, which turns the sandbox's injected resets
 * (`Response.error()`) into real connection resets and aborts a hung request when its client leaves.
 */
import { serve } from '../../proxy/adapters/node/server.ts';
import type { SandboxOptions } from './options.ts';
import { watchPersistence } from './persist.ts';
import { createSandbox, type Sandbox } from './sandbox.ts';

export interface RunningSandbox {
  url: string;
  port: number;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export async function startSandbox(options: Partial<SandboxOptions> & { port?: number; host?: string; portSetting?: string } = {}): Promise<RunningSandbox> {
  const { port = 0, host = '127.0.0.1', portSetting = 'SANDBOX_PORT', ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);
  const stopPersisting = sandboxOptions.persistPath ? await watchPersistence(sandbox, sandboxOptions.persistPath) : async () => {};
  const server = await serve((request) => sandbox.fetch(request), { port, host, portSetting });
  return {
    url: server.url,
    port: server.port,
    sandbox,
    async close() {
      await server.close();
      await stopPersisting();
    },
  };
}
