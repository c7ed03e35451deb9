/**
 * `npm run codes -- <command>`: a site's code pools in the Node outbox file (docs/offers.md).
 *
 *   import <file.csv> --site <id> --pool <name>              one code per line, or a column named "code"
 *   generate --site <id> --pool <name> --pattern WELCOME-XXXXXX --count 500
 *                                                            X: letter or digit (no look-alikes), #: digit
 *   status [--site <id>] [--json]                            codes total, claimed and left per pool
 *
 * The file is INLET_OUTBOX (default `.inlet/outbox.sqlite`) or `--outbox <file>`. With `--sql`,
 * import and generate print SQL for D1 instead: `npx wrangler d1 execute inlet --remote --file codes.sql`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readSettings } from '../settings.ts';
import { openOutboxFile } from '../adapters/node/delivery.ts';
import { generateCodes, parseCodesCsv, type CodesResult } from '../offers/codes.ts';

const USAGE = 'usage: npm run codes -- import <file.csv> --site <id> --pool <name> | generate --site <id> --pool <name> --pattern <WELCOME-XXXXXX> --count <n> | status [--site <id>] [--json]  [--outbox <file>] [--sql]';
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export async function runCodes(argv: string[], out: (line: string) => void = console.log, now = Date.now()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { site: { type: 'string' }, pool: { type: 'string' }, pattern: { type: 'string' }, count: { type: 'string' }, outbox: { type: 'string' }, json: { type: 'boolean' }, sql: { type: 'boolean' } },
  });
  const [command, file] = positionals;
  if (!command || !['import', 'generate', 'status'].includes(command)) return fail(out, USAGE);

  let result: CodesResult | undefined;
  if (command !== 'status') {
    if (!values.site || !ID.test(values.site)) return fail(out, '--site is required: the site id from the config, e.g. --site shop.');
    if (!values.pool || !ID.test(values.pool)) return fail(out, '--pool is required: a pool name from sites.<site>.offers.pools, e.g. --pool welcome.');
    if (command === 'import') {
      if (!file) return fail(out, 'Give the CSV file: npm run codes -- import codes.csv --site shop --pool welcome.');
      if (!existsSync(file)) return fail(out, `No file at ${file}.`);
      result = parseCodesCsv(readFileSync(file, 'utf8'));
    } else {
      if (!values.pattern) return fail(out, '--pattern is required, e.g. --pattern WELCOME-XXXXXX (X: random letter or digit, #: random digit).');
      result = generateCodes(values.pattern, Number(values.count ?? 'NaN'));
    }
    if ('error' in result) return fail(out, result.error);
    if (values.sql) {
      const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
      for (const code of result.codes) out(`INSERT INTO offer_codes (site, pool, code, added_at) VALUES (${q(values.site)}, ${q(values.pool)}, ${q(code)}, ${now}) ON CONFLICT DO NOTHING;`);
      return 0;
    }
  }

  const path = values.outbox ?? readSettings('node', (name) => process.env[name]).outbox;
  if (!path) return fail(out, 'INLET_OUTBOX is off: pass --outbox <file>, or --sql to write SQL for D1.');
  if (command === 'status' && !existsSync(path)) return fail(out, `No outbox file at ${path}: set INLET_OUTBOX or pass --outbox <file>.`);
  const { db, offers } = openOutboxFile(path);
  try {
    if (result && 'codes' in result) {
      const { added, duplicates } = await offers.add(values.site!, values.pool!, result.codes, now);
      out(`Added ${added} code(s) to ${values.site}/${values.pool}${duplicates + result.duplicates ? `; skipped ${duplicates + result.duplicates} already there or repeated` : ''}.`);
      return 0;
    }
    const sites = values.site ? [values.site] : db.prepare(`SELECT DISTINCT site FROM offer_codes ORDER BY site`).all().map((r) => String(r.site));
    const rows = (await Promise.all(sites.map(async (site) => (await offers.stock(site)).map((s) => ({ site, ...s }))))).flat();
    if (values.json) out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) out('No code pools yet: add codes with `npm run codes -- import <file.csv> --site <id> --pool <name>`.');
    else for (const r of rows) out(`${r.site}/${r.pool}: ${r.left} left of ${r.total} (${r.claimed} claimed)`);
    return 0;
  } finally {
    db.close();
  }
}

function fail(out: (line: string) => void, message: string): number {
  out(message);
  return 1;
}

if (import.meta.main) process.exitCode = await runCodes(process.argv.slice(2));
