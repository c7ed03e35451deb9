/** The Cloudflare Worker as `wrangler deploy` would upload it, built offline with `--dry-run`. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorker } from '../runtimes/wrangler.ts';

/**
 * Workers' free plan allows 3 MiB gzipped. Most of Inlet's size is libphonenumber's full metadata
 * (~45 KB gz, the same rules Braze validates with) and zod (~30 KB gz); the ceiling leaves room, not slack.
 */
// The Worker now also serves the studio's API, analytics and offers; Workers allow 3 MB compressed on
// the free plan, so 256 KB keeps start-up fast with room to spare.
const WORKER_GZIP_BUDGET = 256 * 1024;

describe('wrangler deploy --dry-run', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'inlet-worker-'));
  let log = '';
  let bundle = '';

  beforeAll(async () => {
    ({ log, code: bundle } = await buildWorker(outdir));
  }, 90_000);

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('builds the worker bundle and it stays under the size budget (size reported)', () => {
    expect(readdirSync(outdir)).toContain('worker.js');
    const gzip = gzipSync(bundle, { level: 9 }).length;
    console.log(`worker bundle: ${bundle.length} B raw, ${gzip} B gzip -9 (wrangler: ${/Total Upload: ([^\n]+)/.exec(log)?.[1]})`);
    expect(gzip).toBeLessThan(WORKER_GZIP_BUDGET);
  });

  it('binds the queue, the KV namespaces and the widget assets from wrangler.toml', () => {
    for (const binding of ['env.FORMS', 'env.DELTAS', 'env.DEAD_LETTERS', 'env.QUEUE (inlet-submissions)', 'env.ASSETS']) expect(log).toContain(binding);
  });

  it('imports no Node built-in, so nodejs_compat polyfills nothing into it', () => {
    expect(bundle.match(/(?:from\s*|import\(\s*|require\(\s*)["'](node:[\w/]+)["']/g) ?? []).toEqual([]);
    expect(bundle).not.toContain('unenv');
  });
});
