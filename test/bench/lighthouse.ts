/** One Lighthouse 13 run (its CLI, in a child process) against a 127.0.0.1 URL. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.ts';
import { LOCAL_ONLY_ARGS } from './browser.ts';

const CLI = fileURLToPath(import.meta.resolve('lighthouse/cli/index.js'));

export interface LighthouseResult {
  variant?: string;
  round?: number;
  lcp: number;
  tbt: number;
  cls: number;
  score: number;
  seconds: number;
}

interface Report {
  runtimeError?: { message: string };
  categories: { performance: { score: number } };
  audits: Record<string, { numericValue?: number }>;
}

export async function runLighthouse(url: string): Promise<LighthouseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'inlet-lh-'));
  const out = join(dir, 'report.json');
  // Lighthouse splits --chrome-flags with yargs: values holding spaces need their own quotes.
  const flags = [...CHROMIUM_ARGS.filter((a) => a !== '--headless'), '--headless=new', ...LOCAL_ONLY_ARGS].map((a) => a.replace(/^(--[\w-]+=)(.* .*)$/, "$1'$2'"));
  const started = performance.now();
  try {
    await promisify(execFile)(
      process.execPath,
      [CLI, url, '--quiet', '--output=json', `--output-path=${out}`, '--only-categories=performance', '--preset=desktop', ...flags.map((f) => `--chrome-flags=${f}`)],
      { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    if (report.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${report.runtimeError.message}`);
    const value = (id: string) => report.audits[id]?.numericValue ?? NaN;
    return {
      lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'),
      cls: value('cumulative-layout-shift'),
      score: report.categories.performance.score,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
