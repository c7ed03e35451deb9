/**
 * `npm run backup -- [--to <file>] [--outbox <file>]`: a consistent copy of the Node SQLite file
 * while the proxy keeps running. `VACUUM INTO` reads one snapshot (a read transaction: writers go
 * on in the WAL meanwhile), so the copy holds every row committed before it began and no half
 * transaction. The copy is then opened and checked. Restore: docs/data.md, "Restore".
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readSettings } from '../settings.ts';
import { schemaVersions } from '../adapters/node/sqlite-migrate.ts';
import { openSqlite } from '../adapters/node/sqlite.ts';

const USAGE = 'usage: npm run backup -- [--to <file>] [--outbox <file>]';

export async function runBackup(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { to: { type: 'string' }, outbox: { type: 'string' } } }));
  } catch (error) {
    out(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  const path = values.outbox ?? readSettings('node', (name) => process.env[name]).outbox;
  if (!path || !existsSync(path)) {
    out(`No outbox file at ${path ?? '(INLET_OUTBOX=off)'}: set INLET_OUTBOX or pass --outbox <file>.`);
    return 2;
  }
  const began = new Date();
  const target = resolve(values.to ?? join(dirname(path), 'backups', `${began.toISOString().replace(/[:.]/g, '-')}.sqlite`));
  if (existsSync(target)) {
    out(`${target} already exists: choose another --to, backups never overwrite.`);
    return 2;
  }
  mkdirSync(dirname(target), { recursive: true });
  const source = openSqlite(path, { synchronous: 'NORMAL' });
  try {
    source.prepare('VACUUM INTO ?').run(target);
  } finally {
    source.close();
  }
  const copy = openSqlite(target, { synchronous: 'FULL' });
  try {
    const integrity = String(copy.prepare('PRAGMA integrity_check').get()?.integrity_check);
    if (integrity !== 'ok') {
      out(`The copy at ${target} failed its integrity check (${integrity}); keep the previous backup.`);
      return 1;
    }
    const tables = copy.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all().map((r) => String(r.name));
    const counts = tables.map((t) => `${t} ${Number(copy.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get()?.n ?? 0)}`);
    const versions = Object.entries(schemaVersions(copy)).map(([s, v]) => `${s} v${v}`);
    out(`Backup of ${path} begun at ${began.toISOString()} written to ${target}`);
    out(`rows: ${counts.join(', ')}; schema: ${versions.join(', ') || 'none'}`);
    return 0;
  } finally {
    copy.close();
  }
}

if (import.meta.main) process.exitCode = await runBackup(process.argv.slice(2));
