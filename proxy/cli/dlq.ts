/**
 * `npm run dlq -- <command>`: the dead letters of the Node outbox (objects Braze refused for good).
 *
 *   list [--site <id>] [--limit <n>] [--json]   what was refused, and why
 *   show <id>                                   one dead letter with its objects (JSON)
 *   replay <id> | --all [--site <id>]           back into the outbox; a running proxy sends them within seconds
 *   drop <id> | --all [--site <id>]             forget them
 *
 * The outbox file is INLET_OUTBOX (default `.inlet/outbox.sqlite`) or `--outbox <file>`.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readSettings } from '../settings.ts';
import { openOutboxFile } from '../adapters/node/delivery.ts';
import type { DeadLetter } from '../delivery/stores.ts';

const USAGE = 'usage: npm run dlq -- list [--site <id>] [--limit <n>] [--json] | show <id> | replay <id>|--all | drop <id>|--all  [--outbox <file>]';

export async function runDlq(argv: string[], out: (line: string) => void = console.log, env: (name: string) => string | undefined = (name) => process.env[name]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { site: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, all: { type: 'boolean' }, outbox: { type: 'string' } },
  });
  const [command, id] = positionals;
  const path = values.outbox ?? readSettings('node', env).outbox;
  if (!command || !['list', 'show', 'replay', 'drop'].includes(command)) return fail(out, USAGE);
  if (!path || !existsSync(path)) return fail(out, `No outbox file at ${path ?? '(INLET_OUTBOX=off)'}: set INLET_OUTBOX or pass --outbox <file>.`);
  const { db, deadLetters } = openOutboxFile(path);
  try {
    if (command === 'list') {
      const letters = await deadLetters.list({ site: values.site, limit: Number(values.limit ?? 100) || 100 });
      if (values.json) out(JSON.stringify(letters, null, 2));
      else if (letters.length === 0) out('No dead letters.');
      else for (const letter of letters) out(describe(letter));
      return 0;
    }
    if (command === 'show') {
      const letter = id ? await deadLetters.get(id) : undefined;
      if (!letter) return fail(out, `No dead letter "${id ?? ''}".`);
      out(JSON.stringify(letter, null, 2));
      return 0;
    }
    const ids = values.all ? (await deadLetters.list({ site: values.site, limit: 100_000 })).map((l) => l.id) : id ? [id] : [];
    if (ids.length === 0) return fail(out, values.all ? 'No dead letters.' : `Name a dead letter id, or pass --all.\n${USAGE}`);
    let done = 0;
    for (const one of ids) {
      const ok = command === 'replay' ? await deadLetters.replay(one, Date.now()) : await deadLetters.drop(one);
      if (ok) done += 1;
      else out(`No dead letter "${one}".`);
    }
    out(`${command === 'replay' ? 'Replayed' : 'Dropped'} ${done} dead letter(s).`);
    return done === ids.length ? 0 : 1;
  } finally {
    db.close();
  }
}

function describe(letter: DeadLetter): string {
  const objects = (letter.body.attributes?.length ?? 0) + (letter.body.events?.length ?? 0) + (letter.body.purchases?.length ?? 0);
  const triggers = letter.triggers?.length ? ` + ${letter.triggers.length} trigger(s)` : '';
  return `${letter.id}  site=${letter.site}  ${new Date(letter.deadAt).toISOString()}  HTTP ${letter.status}  ${objects} object(s)${triggers}  ${letter.reason}`;
}

function fail(out: (line: string) => void, message: string): number {
  out(message);
  return 2;
}

if (import.meta.main) process.exitCode = await runDlq(process.argv.slice(2));
