/**
 * Firefox for the cross-engine tests: Debian's firefox-esr through puppeteer-core over WebDriver
 * BiDi. puppeteer-core never downloads a browser; it is only ever given this executable.
 */
import puppeteer, { type Page, type KeyInput } from 'puppeteer-core';
import { callSource, type Engine, type EnginePage, type Key } from './engine.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

const KEYS: Record<Key, KeyInput> = { Tab: 'Tab', Enter: 'Enter', Escape: 'Escape', Space: ' ', Backspace: 'Backspace', ArrowDown: 'ArrowDown', ArrowUp: 'ArrowUp' };

export async function launchFirefoxEngine(): Promise<Engine> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      // A predictable visitor: English, and no network of its own beyond the pages it is sent to.
      'intl.accept_languages': 'en-US',
      'intl.locale.requested': 'en-US',
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  return {
    name: 'firefox',
    version: await browser.version(),
    async newPage({ width, height }) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height });
      return wrap(page, () => context.close());
    },
    close: () => browser.close(),
  };
}

function wrap(page: Page, close: () => Promise<void>): EnginePage {
  return {
    async goto(url) {
      await page.goto(url);
    },
    eval: (fn, ...args) => page.evaluate((source) => (0, eval)(source), callSource(fn, args)) as never,
    async evalSource(source) {
      await page.evaluate((s) => void (0, eval)(s), source);
    },
    clickAt: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(KEYS[key]),
    async screenshot(path) {
      await page.screenshot({ path: path as `${string}.png` });
    },
    close,
  };
}
