/** The D1 migrations the Worker knows are exactly the files wrangler applies, numbered without gaps. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { D1_MIGRATIONS } from '../../proxy/adapters/cloudflare/d1-schema.ts';

describe('migrations/ for D1', () => {
  const files = readdirSync('migrations').filter((f) => f.endsWith('.sql')).sort();

  it('lists every file in proxy/adapters/cloudflare/d1-schema.ts, in order', () => {
    expect([...D1_MIGRATIONS]).toEqual(files);
  });

  it('numbers the files 0001, 0002… without gaps, as wrangler orders them', () => {
    expect(files.map((f) => f.slice(0, 4))).toEqual(files.map((_, i) => String(i + 1).padStart(4, '0')));
  });

  it('is the folder wrangler.toml binds to DB', () => {
    const toml = readFileSync('wrangler.toml', 'utf8');
    expect(toml).toMatch(/\[\[d1_databases\]\]\s*\nbinding = "DB"\s*\ndatabase_name = "inlet"\s*\nmigrations_dir = "migrations"/);
    // One schedule, every minute: the studio's due publishes each tick, retention on the daily one.
    expect(toml).toMatch(/\[triggers\]\s*\ncrons = \["\* \* \* \* \*"\]/);
  });
});
