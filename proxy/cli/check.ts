/**
 * `npm run check`: loads the Inlet config, resolves its secrets from the environment, and checks it
 * against a Braze instance (including the Canvas/Campaign trigger permission for sites with email
 * double opt-in). Exits 1 when anything needs fixing. `--allow-missing` tolerates absent attributes.
 *
 * Settings as everywhere (docs/settings.md): the config is INLET_CONFIG or INLET_CONFIG_FILE, else
 * `inlet.config.json`, else the demo's config; Braze is BRAZE_REST_ENDPOINT and BRAZE_API_KEY, else
 * the local sandbox that `npm start` runs (SANDBOX_PORT, SANDBOX_API_KEY).
 */
import { existsSync } from 'node:fs';
import { loadConfig, explainAndExit } from '../adapters/node/start.ts';
import { ConfigError } from '../config/inlet-config.ts';
import { readSettings, SettingsError, type Settings } from '../settings.ts';
import { checkBraze } from './braze-check.ts';

async function main(settings: Settings): Promise<number> {
  const file = settings.configFile ?? (existsSync('inlet.config.json') ? 'inlet.config.json' : 'demo/inlet.config.ts');
  const source = settings.config !== undefined ? 'INLET_CONFIG' : file;
  // Like `npm start`, the default Braze is the local sandbox.
  const braze = settings.braze ?? { endpoint: `http://127.0.0.1:${settings.sandbox.port}`, apiKey: settings.sandbox.apiKey };
  if (!settings.braze) console.log(`  checking against the local Braze sandbox at ${braze.endpoint} (start it with \`npm start\` or \`npm run sandbox\`)`);
  let config;
  try {
    config = await loadConfig({ ...settings, configFile: settings.config !== undefined ? undefined : file });
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof SettingsError)) throw error;
    for (const line of error instanceof ConfigError ? error.issues : error.problems) console.error(`✗ ${source}: ${line}`);
    return 1;
  }
  console.log(`✓ config ${source}: ${Object.keys(config.sites).length} site(s), ${config.forms.length} form(s)`);
  // Each Braze workspace is checked with its own key, for the sites that deliver to it.
  const workspaces = new Map<string, { braze: { endpoint: string; apiKey: string }; sites: string[] }>();
  for (const [id, site] of Object.entries(config.sites)) {
    const own = site.braze ?? braze;
    const key = `${own.endpoint}\n${own.apiKey}`;
    workspaces.set(key, { braze: own, sites: [...(workspaces.get(key)?.sites ?? []), id] });
  }
  if (workspaces.size === 0) workspaces.set('', { braze, sites: [] });
  let ok = true;
  let unverified = false;
  for (const { braze: workspace, sites } of workspaces.values()) {
    if (workspaces.size > 1) console.log(`Braze workspace at ${workspace.endpoint} (site${sites.length > 1 ? 's' : ''} ${sites.map((s) => `"${s}"`).join(', ')}):`);
    const subset = { ...config, sites: Object.fromEntries(sites.map((id) => [id, config.sites[id]!])) };
    const report = await checkBraze(sites.length ? subset : config, { ...workspace, allowMissing: process.argv.includes('--allow-missing') });
    for (const line of report.lines) console.log(`${line.unverified ? '?' : line.ok ? '✓' : '✗'} ${line.text}`);
    ok &&= report.ok;
    unverified ||= report.lines.some((l) => l.unverified);
  }
  const report = { ok };
  console.log(report.ok ? (unverified ? 'All good that could be checked; verify the lines marked ? by hand.' : 'All good.') : 'Problems found: fix the lines marked ✗.');
  return report.ok ? 0 : 1;
}

process.exitCode = await Promise.resolve()
  .then(() => main(readSettings('demo', (name) => process.env[name])))
  .catch(explainAndExit);
