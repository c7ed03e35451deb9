/**
 * `npm run check`: loads the Inlet config (INLET_CONFIG, default `inlet.config.json`), resolves its
 * secrets from the environment, and checks it against the Braze instance in BRAZE_REST_ENDPOINT with
 * BRAZE_API_KEY (including the Canvas/Campaign trigger permission for sites with email double
 * opt-in). Exits 1 when anything needs fixing. `--allow-missing` tolerates absent attributes.
 */
import { ConfigError, parseConfig } from '../config/inlet-config.ts';
import { checkBraze } from './braze-check.ts';

async function loadConfig(path: string): Promise<unknown> {
  const url = new URL(path, `file://${process.cwd()}/`);
  if (path.endsWith('.json')) return (await import(url.href, { with: { type: 'json' } })).default;
  const module = (await import(url.href)) as { default?: unknown };
  return module.default;
}

async function main(): Promise<number> {
  const path = process.env.INLET_CONFIG ?? 'inlet.config.json';
  const endpoint = process.env.BRAZE_REST_ENDPOINT;
  const apiKey = process.env.BRAZE_API_KEY;
  let config;
  try {
    config = parseConfig(await loadConfig(path), { env: process.env });
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `Could not load the Inlet config at ${path}: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  console.log(`✓ config ${path}: ${Object.keys(config.sites).length} site(s), ${config.forms.length} form(s)`);
  if (!endpoint || !apiKey) {
    console.error('✗ set BRAZE_REST_ENDPOINT (e.g. https://rest.fra-01.braze.eu) and BRAZE_API_KEY to check against Braze');
    return 1;
  }
  const report = await checkBraze(config, { endpoint, apiKey, allowMissing: process.argv.includes('--allow-missing') });
  for (const line of report.lines) console.log(`${line.ok ? '✓' : '✗'} ${line.text}`);
  console.log(report.ok ? 'All good.' : 'Problems found: fix the lines marked ✗.');
  return report.ok ? 0 : 1;
}

process.exitCode = await main();
