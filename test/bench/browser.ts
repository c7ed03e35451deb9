/**
 * Chromium for the bench: Debian's binary with the test flags (test/helpers/chromium.ts), plus a
 * resolver rule so no host name resolves (only 127.0.0.1 URLs can load) and a route that aborts any
 * request leaving 127.0.0.1. Aborted URLs are recorded and reported.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.ts';

export const LOCAL_ONLY_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...LOCAL_ONLY_ARGS] });
}

export const isLocal = (url: string) => /^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?\//.test(url) || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank';

/**
 * Aborts every request not to 127.0.0.1. Playwright turns the HTTP cache off while a route is set,
 * so only cold-cache measurements use this; warm ones rely on the resolver rule alone and on
 * `watchOutside`.
 */
export async function blockOutside(context: BrowserContext, blocked: string[]): Promise<void> {
  await context.route('**', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
}

/** Records any request that tried to leave 127.0.0.1 (the resolver rule makes it fail). */
export function watchOutside(context: BrowserContext, outside: string[]): void {
  context.on('request', (request) => {
    if (!isLocal(request.url())) outside.push(request.url());
  });
}
