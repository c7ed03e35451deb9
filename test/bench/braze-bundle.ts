/**
 * The alternative a Braze customer would otherwise put on the page: @braze/web-sdk with the minimal
 * calls a sign-up integration needs, bundled with esbuild (minified IIFE, es2020 like Inlet's loader).
 */
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BRAZE_ENTRY = fileURLToPath(new URL('./fixtures/braze-minimal.js', import.meta.url));

export interface BrazeBundle {
  /** Content-hashed file name, served as immutable like Inlet's chunks. */
  name: string;
  code: Uint8Array;
  sdkVersion: string;
}

export async function buildBrazeBundle(): Promise<BrazeBundle> {
  const result = await build({
    entryPoints: [BRAZE_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 8);
  const pkg = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('@braze/web-sdk/package.json')), 'utf8')) as { version: string };
  return { name: `braze-minimal-${hash}.js`, code, sdkVersion: pkg.version };
}
