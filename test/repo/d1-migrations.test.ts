/** The D1 migrations the Worker knows are exactly the files wrangler applies, numbered without gaps. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { D1_MIGRATIONS } from '../../proxy/adapters/cloudflare/d1-schema.ts';
import { D1_ANALYTICS_MIGRATIONS } from '../../proxy/adapters/cloudflare/analytics.ts';
import { analyticsMigrations } from '../../proxy/analytics/migrations.ts';

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

describe('migrations/analytics/ for the analytics D1 database', () => {
  const files = readdirSync('migrations/analytics').filter((f) => f.endsWith('.sql')).sort();
  const statements = (sql: string) => sql.replace(/^--.*$/gm, '').split(';').map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);

  it('lists every file in proxy/adapters/cloudflare/analytics.ts, one per migration Node applies', () => {
    expect([...D1_ANALYTICS_MIGRATIONS]).toEqual(files);
    expect(files.map((f) => f.slice(0, 4))).toEqual(analyticsMigrations.migrations.map((m) => String(m.version).padStart(4, '0')));
  });

  it('holds, file by file, the same SQL as the Node migrations, so both runtimes build one schema', () => {
    files.forEach((file, i) => {
      const up = analyticsMigrations.migrations[i]!.up;
      expect(typeof up).toBe('string');
      expect(statements(readFileSync(`migrations/analytics/${file}`, 'utf8'))).toEqual(statements(up as string));
    });
  });

  it('is the folder wrangler.toml binds to ANALYTICS_DB', () => {
    expect(readFileSync('wrangler.toml', 'utf8')).toMatch(/\[\[d1_databases\]\]\s*\nbinding = "ANALYTICS_DB"\s*\ndatabase_name = "inlet-analytics"\s*\nmigrations_dir = "migrations\/analytics"/);
  });
});
