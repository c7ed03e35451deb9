/**
 * The Worker exactly as `wrangler deploy` uploads it, built offline with `--dry-run`. Wrangler 4
 * needs Node 22: node_modules/.bin (where the pinned `node` devDependency lives) goes first on PATH.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export interface WorkerBuild {
  /** The bundle's path: `<outdir>/worker.js`. */
  path: string;
  code: string;
  /** What wrangler printed (bindings, upload size). */
  log: string;
}

export async function buildWorker(outdir: string): Promise<WorkerBuild> {
  const bin = resolve('node_modules/.bin');
  const { stdout, stderr } = await promisify(execFile)(join(bin, 'wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
    // No account, no login, no telemetry: the dry run works offline.
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_API_TOKEN: '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  const path = join(outdir, 'worker.js');
  return { path, code: readFileSync(path, 'utf8'), log: stdout + stderr };
}
