/**
 * Runs in Node before the workerd tests: the Braze sandbox on 127.0.0.1 that the Worker's
 * BRAZE_REST_ENDPOINT points at (see vitest.config.ts), reached from workerd over real sockets.
 */
import type { TestProject } from 'vitest/node';
import { startSandbox } from '../../demo/sandbox/server.ts';

export const SANDBOX_KEY = 'workers-test-key';
export const WORKSPACE_KEY = 'workers-second-workspace-key';

declare module 'vitest' {
  export interface ProvidedContext {
    sandboxUrl: string;
    /** A second workspace, named by a site's own `braze` (per-site workspaces). */
    workspaceSandboxUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sandbox = await startSandbox({ port: 0, apiKey: SANDBOX_KEY });
  const workspace = await startSandbox({ port: 0, apiKey: WORKSPACE_KEY });
  project.provide('sandboxUrl', sandbox.url);
  project.provide('workspaceSandboxUrl', workspace.url);
  return async () => void (await Promise.all([sandbox.close(), workspace.close()]));
}
