/**
 * `inlet.js`: the classic script a site owner pastes. It reads its data-* attributes, replays
 * calls queued by the stub, and loads the UI chunk only when a trigger fires.
 *
 *   <script src="https://forms.example.com/inlet.js" data-site="shop" async></script>
 */
import { createRuntime, type Command } from '../core/runtime.ts';
import type { UiModule } from '../types.ts';

declare const __INLET_UI_CHUNK__: string;

type InletGlobal = ((...args: Command) => void) & { q?: Command[] };

const script = document.currentScript as HTMLScriptElement | null;
const data = script?.dataset;
if (data?.site) {
  const base = new URL('.', script!.src);
  const runtime = createRuntime({
    api: data.api ?? base.origin,
    site: data.site,
    nonce: script!.nonce || data.nonce,
    requireConsent: data.requireConsent != null,
    loadUi: () => import(/* @vite-ignore */ new URL(__INLET_UI_CHUNK__, base).href) as Promise<UiModule>,
  });
  const w = window as unknown as { inlet?: InletGlobal };
  const queued = w.inlet?.q ?? [];
  w.inlet = (...args: Command) => runtime.call(args);
  runtime.start();
  for (const args of queued) runtime.call([...args] as Command);
} else {
  console.warn('inlet: data-site is missing');
}
