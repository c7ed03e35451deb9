/**
 * The loader's brain, shared by the classic script (`inlet.js`) and the ES module entry:
 * fetches the manifest, arms triggers and loads the UI chunk only when a form is to be shown.
 */
import type { MountedForm, PublishedForm, UiModule } from '../types.ts';
import { fetchManifest } from './manifest.ts';
import { armTriggers } from './triggers.ts';

export interface RuntimeOptions {
  api: string;
  site: string;
  nonce?: string;
  loadUi: () => Promise<UiModule>;
}

export type Command = [name: string, ...args: unknown[]];

export interface Runtime {
  call(command: Command): void;
  start(): Promise<void>;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const forms = new Map<string, PublishedForm>();
  const disarms: (() => void)[] = [];
  let open: MountedForm | undefined;
  let ready: Promise<void> | undefined;
  let uiPromise: Promise<UiModule> | undefined;

  // A failed chunk load is forgotten so the next trigger can try again.
  const ui = () => (uiPromise ??= options.loadUi().catch((error) => ((uiPromise = undefined), Promise.reject(error))));

  async function show(id: string) {
    await ready;
    const form = forms.get(id);
    if (!form || open) return;
    disarms.forEach((d) => d());
    const module = await ui();
    open = module.mount(form, {
      api: options.api,
      site: options.site,
      nonce: options.nonce,
      onClose: () => (open = undefined),
    });
  }

  const commands: Record<string, (...args: unknown[]) => unknown> = {
    show: (id) => show(String(id)),
    hide: () => open?.close(),
  };

  return {
    call([name, ...args]) {
      const command = commands[name];
      if (command) Promise.resolve(command(...args)).catch(report);
    },
    start() {
      ready ??= fetchManifest(options.api, options.site).then((manifest) => {
        for (const form of manifest.forms) {
          forms.set(form.id, form);
          disarms.push(armTriggers(form, () => void show(form.id).catch(report)));
        }
      });
      return ready.catch(report);
    },
  };
}

function report(error: unknown) {
  // The host page must never break because of us: log and carry on.
  console.warn(error instanceof Error ? error.message : error);
}
