/**
 * Helpers for the loader's happy-dom tests: the page URL and user agent, published forms built by
 * the real config parser, and a runtime whose manifest comes from the real proxy handler.
 */
import { vi } from 'vitest';
import { parseConfig } from '../../proxy/index.ts';
import { setup } from '../helpers/proxy.ts';
import { createRuntime } from '../../widget/core/runtime.ts';
import type { MountOptions, PublishedForm, UiModule } from '../../widget/types.ts';

export const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
export const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36';
export const TABLET_UA = 'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
export const IPAD_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';

export function setURL(url: string): void {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
}

export function setUserAgent(ua: string, touchPoints = 0): void {
  Object.defineProperty(navigator, 'userAgent', { value: ua, configurable: true });
  Object.defineProperty(navigator, 'maxTouchPoints', { value: touchPoints, configurable: true });
}

export function setProp(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, configurable: true, writable: true });
}

let sites = 0;

/** A site id per test: runtimes from earlier tests keep listening, and must not share state. */
export function nextSite(): string {
  sites += 1;
  return `shop-${sites}`;
}

/** Forms as the proxy publishes them (defaults applied, rules compiled). */
export function publish(site: string, forms: Record<string, unknown>[]): PublishedForm[] {
  const config = parseConfig({
    sites: { [site]: { origins: ['https://shop.example.com'] } },
    forms: forms.map((form) => ({ site, steps: [{ fields: [{ name: 'email', type: 'email' }] }], ...form })),
  });
  return config.forms as PublishedForm[];
}

export interface Mount {
  form: PublishedForm;
  options: MountOptions;
  close(): void;
}

/** Starts a runtime against the real proxy handler; the UI chunk is a recorder of mounts. */
export async function bootLoader(forms: Record<string, unknown>[], options: { requireConsent?: boolean; site?: string; queue?: [string, ...unknown[]][]; beacons?: unknown[] } = {}) {
  const site = options.site ?? nextSite();
  const { handler } = setup({
    sites: { [site]: { origins: ['https://shop.example.com'] } },
    forms: forms.map((form) => ({ site, steps: [{ fields: [{ name: 'email', type: 'email' }] }], ...form })),
  });
  // Analytics beacons are recorded (when asked) instead of reaching this proxy, which has analytics off.
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
    options.beacons && String(input).endsWith('/v1/events') ? (options.beacons.push(JSON.parse(String(init!.body))), Promise.resolve(new Response(null, { status: 202 }))) : handler(new Request(String(input), init)),
  );
  const mounts: Mount[] = [];
  let uiLoads = 0;
  const ui: UiModule = {
    mount(form, mountOptions) {
      const mount: Mount = { form, options: mountOptions, close: () => mountOptions.onClose?.() };
      mounts.push(mount);
      return mount;
    },
  };
  const runtime = createRuntime({
    api: 'https://forms.example.com',
    site,
    requireConsent: options.requireConsent,
    loadUi: async () => ((uiLoads += 1), ui),
  });
  // As the script tag does: start, then replay what the page queued before the loader arrived.
  const started = runtime.start();
  for (const command of options.queue ?? []) runtime.call(command);
  await started;
  return {
    site,
    mounts,
    uiLoads: () => uiLoads,
    inlet: (...command: [string, ...unknown[]]) => runtime.call(command),
    stored: () => JSON.parse(localStorage.getItem(`inlet:${site}`) ?? 'null'),
  };
}
