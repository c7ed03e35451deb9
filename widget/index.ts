/**
 * ES module entry for single-page apps: `import { boot } from 'inlet/widget'`.
 * The UI chunk is a dynamic import, so bundlers keep it lazy just as the script tag does.
 */
import { createRuntime, type Command, type Runtime } from './core/runtime.ts';
import type { UiModule } from './types.ts';

export type { MountOptions, MountedForm } from './types.ts';

export interface BootOptions {
  /** Base URL of the Inlet proxy, e.g. `https://forms.example.com`. */
  api: string;
  site: string;
  nonce?: string;
  /** Keep no client state (nothing in any storage) until `inlet('consent', true)`. */
  requireConsent?: boolean;
}

/**
 * Starts Inlet and returns the same command function the script tag installs as `window.inlet`.
 * @example
 * const inlet = boot({ api: 'https://forms.example.com', site: 'shop' });
 * inlet('show', 'welcome-10');
 */
export function boot(options: BootOptions): (...command: Command) => void {
  const runtime: Runtime = createRuntime({ ...options, loadUi: () => import('./ui/index.tsx') as Promise<UiModule> });
  void runtime.start();
  return (...command) => runtime.call(command);
}
