/**
 * One small interface over the three browser engines visitors use, so a cross-engine test is
 * written once and run in each. Every adapter drives a browser installed from Debian (never a
 * downloaded build) through the protocol that engine speaks best: Chromium through playwright-core
 * (CDP), Firefox through puppeteer-core (WebDriver BiDi), WebKit through selenium-webdriver and
 * WebKitGTK's own WebKitWebDriver (W3C WebDriver).
 *
 * Every input goes through the engine's real input pipeline (pointer and keyboard actions), never
 * through `element.click()` in page script, so what the test does is what a visitor's browser does.
 */

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const ENGINE_NAMES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

export interface PageOptions {
  /** CSS pixels of the page's viewport. WebKit's MiniBrowser window cannot be narrower than 447. */
  width: number;
  height: number;
}

export type Key = 'Tab' | 'Enter' | 'Escape' | 'Space' | 'Backspace' | 'ArrowDown' | 'ArrowUp';

/** A function evaluated in the page: it must be self-contained (it is serialised), its arguments JSON. */
export type PageFunction<A extends unknown[], R> = (...args: A) => R | Promise<R>;

export interface EnginePage {
  goto(url: string): Promise<void>;
  /** Runs `fn(...args)` in the page and returns its JSON result. */
  eval<A extends unknown[], R>(fn: PageFunction<A, R>, ...args: A): Promise<R>;
  /** Runs a script given as source (e.g. a library) in the page. */
  evalSource(source: string): Promise<void>;
  /** A real pointer click (move, press, release) at a point of the viewport, in CSS pixels. */
  clickAt(x: number, y: number): Promise<void>;
  /** Types into whatever has focus, one key event per character, as a keyboard would. */
  type(text: string): Promise<void>;
  press(key: Key): Promise<void>;
  /** A PNG of the viewport as painted. */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface Engine {
  name: EngineName;
  /** The browser's own version string, as the driver reports it. */
  version: string;
  /** A fresh page in a fresh profile state (no cookies, no storage) with an `en-US` visitor. */
  newPage(options: PageOptions): Promise<EnginePage>;
  close(): Promise<void>;
}

/** Runs in the page: which engine this is, from the browser itself (user agent and a feature only that engine has). */
export function identifyEngine(): string {
  const ua = navigator.userAgent;
  const w = window as unknown as Record<string, unknown>;
  if (/Firefox\/\d/.test(ua) && typeof w.mozInnerScreenX === 'number') return 'firefox';
  if (/(Chrome|Chromium)\/\d/.test(ua) && 'chrome' in w) return 'chromium';
  if (/AppleWebKit\/\d/.test(ua) && !/(Chrome|Chromium)\//.test(ua) && typeof w.webkitConvertPointFromNodeToPage === 'function') return 'webkit';
  return `unknown (${ua})`;
}

/** Waits until `check()` holds, polling; fails with `what` if it never does. */
export async function until<T>(check: () => Promise<T | false | null | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Serialises a page function and its arguments into an expression, for drivers that take source. */
export function callSource(fn: (...args: never[]) => unknown, args: unknown[]): string {
  return `(${fn.toString()})(...${JSON.stringify(args)})`;
}

export async function launchEngine(name: EngineName): Promise<Engine> {
  switch (name) {
    case 'chromium':
      return (await import('./chromium.ts')).launchChromiumEngine();
    case 'firefox':
      return (await import('./firefox.ts')).launchFirefoxEngine();
    case 'webkit':
      return (await import('./webkit.ts')).launchWebKitEngine();
  }
}
