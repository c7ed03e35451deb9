/**
 * `npm run check`: loads the Inlet config, resolves its secrets from the environment, and checks it
 * against a Braze instance (including the Canvas/Campaign trigger permission for sites with email
 * double opt-in). Exits 1 when anything needs fixing. `--allow-missing` tolerates absent attributes.
 *
 * Config: INLET_CONFIG, else `inlet.config.json`, else the demo's config. Braze: BRAZE_REST_ENDPOINT
 * and BRAZE_API_KEY, else the local sandbox that `npm start` runs (SANDBOX_PORT, SANDBOX_API_KEY).
 */
import { existsSync } from 'node:fs';
import { ConfigError, parseConfig } from '../config/inlet-config.ts';
import { checkBraze } from './braze-check.ts';

async function loadConfig(path: string): Promise<unknown> {
  const url = new URL(path, `file://${process.cwd()}/`);
  if (path.endsWith('.json')) return (await import(url.href, { with: { type: 'json' } })).default;
  const module = (await import(url.href)) as { default?: unknown };
  return module.default;
}

async function main(): Promise<number> {
  const env = process.env;
  const path = env.INLET_CONFIG ?? (existsSync('inlet.config.json') ? 'inlet.config.json' : 'demo/inlet.config.ts');
  if (Boolean(env.BRAZE_REST_ENDPOINT) !== Boolean(env.BRAZE_API_KEY)) {
    console.error('✗ set both BRAZE_REST_ENDPOINT and BRAZE_API_KEY, or neither to check against the local Braze sandbox');
    return 1;
  }
  // Like `npm start`, the default Braze is the local sandbox.
  const endpoint = env.BRAZE_REST_ENDPOINT ?? `http://127.0.0.1:${env.SANDBOX_PORT ?? 8789}`;
  const apiKey = env.BRAZE_API_KEY ?? env.SANDBOX_API_KEY ?? 'sandbox';
  if (!env.BRAZE_REST_ENDPOINT) console.log(`  checking against the local Braze sandbox at ${endpoint} (start it with \`npm start\` or \`npm run sandbox\`)`);
  let config;
  try {
    config = parseConfig(await loadConfig(path), { env: process.env });
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `Could not load the Inlet config at ${path}: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  console.log(`✓ config ${path}: ${Object.keys(config.sites).length} site(s), ${config.forms.length} form(s)`);
  const report = await checkBraze(config, { endpoint, apiKey, allowMissing: process.argv.includes('--allow-missing') });
  for (const line of report.lines) console.log(`${line.ok ? '✓' : '✗'} ${line.text}`);
  console.log(report.ok ? 'All good.' : 'Problems found: fix the lines marked ✗.');
  return report.ok ? 0 : 1;
}

process.exitCode = await main();
