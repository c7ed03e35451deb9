/**
 * Chromium for the cross-engine tests: Debian's /usr/bin/chromium through playwright-core.
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import { callSource, type Engine, type EnginePage, type Key } from './engine.ts';

const KEYS: Record<Key, string> = { Tab: 'Tab', Enter: 'Enter', Escape: 'Escape', Space: ' ', Backspace: 'Backspace', ArrowDown: 'ArrowDown', ArrowUp: 'ArrowUp' };

export async function launchChromiumEngine(): Promise<Engine> {
  const browser = await launchChromium();
  return {
    name: 'chromium',
    version: browser.version(),
    async newPage({ width, height }) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
      const page = await context.newPage();
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
      await page.evaluate(source);
    },
    clickAt: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(KEYS[key]),
    async screenshot(path) {
      await writeFile(path, await page.screenshot());
    },
    close,
  };
}
