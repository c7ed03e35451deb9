/**
 * Part 3, time to pop-up: from the trigger firing to the dialog open, visible and focused. The
 * trigger is `inlet('show', …)`, called in the page once the loader is armed (manifest fetched), so
 * the figure covers what a fired trigger does: fetch the UI chunk and its locale, mount, render, focus.
 * Cold: a fresh browser context. Warm: the same context after a reload (chunks in the HTTP cache).
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { watchOutside } from './browser.ts';
import { FORM_ID } from './bench-config.ts';
import { DIALOG_READY } from './page-observer.ts';
import type { PageFixtures } from './page-fixtures.ts';
import type { Section } from './report.ts';
import { median, ms, percentile, ratio } from './stats.ts';

export interface PopupRun {
  round: number;
  coldMs: number;
  warmMs: number;
  /** Bytes the warm open fetched from the network (0 when every chunk came from the cache). */
  warmBytes: number;
  coldBytes: number;
}

/** Polls every task turn (MessageChannel) and on every focus change, so the end is caught within a task. */
const TIME_TO_OPEN = `async ([form, ready]) => {
  const isReady = new Function('return ' + ready);
  const start = performance.now();
  window.inlet('show', form);
  return await new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const done = () => { channel.port1.onmessage = null; document.removeEventListener('focusin', check, true); resolve(performance.now() - start); };
    const check = () => { if (isReady()) done(); };
    channel.port1.onmessage = () => { if (isReady()) done(); else if (performance.now() - start > 15000) reject(new Error('the pop-up did not open within 15 s')); else channel.port2.postMessage(0); };
    document.addEventListener('focusin', check, true);
    channel.port2.postMessage(0);
  });
}`;

async function armedPage(page: Page, url: string): Promise<void> {
  const manifest = page.waitForResponse((r) => r.url().includes('/forms'), { timeout: 15_000 });
  await page.goto(url, { waitUntil: 'load' });
  await manifest;
  // Let the loader finish arming (it runs right after the manifest's JSON is parsed).
  await page.waitForTimeout(100);
}

/** Opens the form and returns the time, with the bytes that came over the network meanwhile (cache hits count 0). */
async function openOnce(page: Page, cdp: CDPSession): Promise<{ ms: number; bytes: number }> {
  let bytes = 0;
  const onFinished = (e: { encodedDataLength: number }) => void (bytes += e.encodedDataLength);
  cdp.on('Network.loadingFinished', onFinished);
  const elapsed = (await page.evaluate(`(${TIME_TO_OPEN})(${JSON.stringify([FORM_ID, DIALOG_READY])})`)) as number;
  cdp.off('Network.loadingFinished', onFinished);
  return { ms: elapsed, bytes };
}

export async function measureTimeToPopup(browser: Browser, fixtures: PageFixtures, options: { runs: number; log: (line: string) => void }): Promise<Section> {
  const runs: PopupRun[] = [];
  const outside: string[] = [];
  for (let round = -1; round < options.runs; round++) {
    const context = await browser.newContext();
    watchOutside(context, outside);
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await armedPage(page, fixtures.url('inlet'));
      const cold = await openOnce(page, cdp);
      await armedPage(page, fixtures.url('inlet'));
      const warm = await openOnce(page, cdp);
      // Round -1 warms up the servers and the browser and is not counted.
      if (round >= 0) runs.push({ round, coldMs: cold.ms, warmMs: warm.ms, coldBytes: cold.bytes, warmBytes: warm.bytes });
    } finally {
      await context.close();
    }
  }
  options.log(`time to pop-up: ${runs.length} cold + ${runs.length} warm opens done`);
  const cold = runs.map((r) => r.coldMs);
  const warm = runs.map((r) => r.warmMs);
  const row = (label: string, values: number[], base: number[]) => [label, ms(median(values)), ms(percentile(values, 90)), ms(Math.min(...values)), ms(Math.max(...values)), ratio(median(values), median(base))];
  return {
    id: 'time-to-popup',
    title: '3. Time to pop-up',
    tables: [
      {
        caption: `From the trigger to the dialog open, visible and focused, N = ${options.runs} each; ratio to the cold median.`,
        columns: ['cache', 'median ms', 'p90 ms', 'min ms', 'max ms', 'ratio to cold'],
        rows: [row('cold (fresh context: UI + locale chunks fetched)', cold, cold), row('warm (reload: chunks from the HTTP cache)', warm, cold)],
      },
    ],
    notes: [
      'The trigger is `inlet("show", "welcome")` called in the page once the loader has its manifest; the clock stops at the first task turn (or focus event) where the shadow root holds an open, laid-out `<dialog>` with focus inside it.',
      `Chunk bytes fetched on open (median): cold ${median(runs.map((r) => r.coldBytes)).toFixed(0)} B, warm ${median(runs.map((r) => r.warmBytes)).toFixed(0)} B.`,
      'No Braze Web SDK figure: the SDK renders no sign-up form, so there is nothing to compare this with.',
      ...(outside.length ? [`Requests that tried to leave 127.0.0.1 (failed by the resolver rule): ${[...new Set(outside)].join(', ')}`] : []),
    ],
    data: { runs },
  };
}
