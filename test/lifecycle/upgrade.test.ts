/**
 * Upgrading: a store written by the release before migrations (fixtures/outbox-v0.sqlite, made by
 * fixtures/make-v0-fixture.ts with that release's code) opens with this code, migrates and keeps
 * every row; a store written by a newer Inlet is refused with one line.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openOutboxFile, createNodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { openSqlite } from '../../proxy/adapters/node/sqlite.ts';
import { migrateSqlite, schemaVersions } from '../../proxy/adapters/node/sqlite-migrate.ts';
import { keyedHashSync } from '../../proxy/adapters/node/sqlite-keys.ts';
import { lifecycleMigrations } from '../../proxy/adapters/node/migrations/lifecycle.ts';
import { outboxMigrations } from '../../proxy/adapters/node/migrations/outbox.ts';
import { createSqliteDeltas } from '../../proxy/adapters/node/sqlite-deltas.ts';
import { planDelta, rememberDelivered } from '../../proxy/delivery/delta.ts';
import { StoreTooNewError } from '../../proxy/lifecycle/migrations.ts';
import { runForget } from '../../proxy/cli/forget.ts';
import { legacyDeltaKey } from '../../proxy/lifecycle/keyed-hash.ts';
import { startSandbox } from '../../demo/sandbox/server.ts';
import { prepared, tempDir, until } from '../delivery/helpers.ts';

const FIXTURE = resolve('test/lifecycle/fixtures/outbox-v0.sqlite');
const rowsOf = (path: string, sql: string) => {
  const db = openSqlite(path, { synchronous: 'NORMAL' });
  try {
    return db.prepare(sql).all().map((r) => ({ ...r }));
  } finally {
    db.close();
  }
};

describe('upgrading a store from the previous release', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it('migrates the file, keeps every outbox row, dead letter and delta, and re-keys the identity hashes', async () => {
    const path = tmp.file('v0.sqlite');
    copyFileSync(FIXTURE, path);
    const before = {
      outbox: rowsOf(path, 'SELECT * FROM outbox ORDER BY seq'),
      dead: rowsOf(path, 'SELECT * FROM dead_letters'),
      deltas: rowsOf(path, 'SELECT * FROM deltas ORDER BY identity, attribute'),
    };
    expect(before.outbox.map((r) => [r.id, r.state])).toEqual([['legacy-1', 'pending'], ['legacy-2', 'pending'], ['legacy-3', 'done']]);
    expect(rowsOf(path, 'PRAGMA user_version')).toEqual([{ user_version: 0 }]);

    const { db, hashKey, deadLetters } = openOutboxFile(path);
    try {
      expect(schemaVersions(db)).toEqual({ lifecycle: 1, outbox: 2, offers: 1 });
      expect(hashKey).toMatch(/^[0-9a-f]{64}$/);
      const after = db.prepare('SELECT * FROM outbox ORDER BY seq').all().map((r) => ({ ...r }));
      // Every column kept except the identity hash, which is now keyed.
      expect(after).toEqual(before.outbox.map((r) => ({ ...r, identity: keyedHashSync(hashKey, String(r.identity)) })));
      expect(db.prepare('SELECT * FROM dead_letters').all().map((r) => ({ ...r }))).toEqual(before.dead);
      const deltas = db.prepare('SELECT identity, attribute, expires_at FROM deltas ORDER BY attribute').all().map((r) => ({ ...r }));
      expect(deltas).toEqual(before.deltas.map((r) => ({ identity: keyedHashSync(hashKey, String(r.identity)), attribute: r.attribute, expires_at: r.expires_at })).sort((a, b) => String(a.attribute).localeCompare(String(b.attribute))));
      // The dead letter still reads as it did, triggers included.
      expect(await deadLetters.get('legacy-dead')).toMatchObject({ id: 'legacy-dead', identity: 'email:refused@example.com', triggers: [{ kind: 'campaign', id: 'doi' }] });
    } finally {
      db.close();
    }
    // Opening it again applies nothing more.
    const again = openOutboxFile(path);
    expect(schemaVersions(again.db)).toEqual({ lifecycle: 1, outbox: 2, offers: 1 });
    expect(again.hashKey).toBe(hashKey);
    again.db.close();
  });

  it('delivers the pending sign-ups of the migrated file to Braze', async () => {
    const path = tmp.file('v0-deliver.sqlite');
    copyFileSync(FIXTURE, path);
    const sandbox = await startSandbox({ port: 0, apiKey: 'upgrade-key' });
    const node = await createNodeDelivery({ path, braze: { endpoint: sandbox.url, apiKey: 'upgrade-key' }, worker: { lingerMs: 1 } });
    try {
      await until(async () => (await node.outbox.depth()).pending === 0);
      const users = (await (await fetch(`${sandbox.url}/_sandbox/users`)).json()) as { users: { email: string }[] };
      expect(users.users.map((u) => u.email).sort()).toEqual(['pending-one@example.com', 'pending-two@example.com']);
    } finally {
      await node.close();
      await sandbox.close();
    }
  });

  it('keeps recognising attribute values delivered before the upgrade, so none is sent twice', async () => {
    const path = tmp.file('deltas.sqlite');
    const db = openSqlite(path, { synchronous: 'NORMAL' });
    // The store as the previous release wrote it: outbox migration 1, unkeyed hashes.
    migrateSqlite(db, [lifecycleMigrations, { store: 'outbox', migrations: outboxMigrations.migrations.slice(0, 1) }], path);
    const legacy = createSqliteDeltas(db);
    const submission = prepared(1);
    const plan = await planDelta(submission, legacy, 0);
    await rememberDelivered(plan, [0], legacy, 10_000);
    expect(plan.identityKey).toBe(await legacyDeltaKey('shop', submission.identity));
    migrateSqlite(db, [lifecycleMigrations, outboxMigrations], path);
    const key = String(db.prepare(`SELECT value FROM inlet_meta WHERE name = 'hash_key'`).get()?.value);
    const keyed = createSqliteDeltas(db, key);
    const replan = await planDelta(submission, keyed, 1);
    db.close();
    expect(replan.identityKey).not.toBe(plan.identityKey);
    // email and first_name were delivered before: both left out now.
    expect(replan.submission.attributes).toEqual([]);
    expect(replan.saved).toBeGreaterThan(0);
  });

  it('refuses a store written by a newer Inlet, naming the store, both versions and the way out', async () => {
    const path = tmp.file('newer.sqlite');
    copyFileSync(FIXTURE, path);
    openOutboxFile(path).db.close();
    const db = openSqlite(path, { synchronous: 'NORMAL' });
    db.exec(`UPDATE inlet_schema SET version = 7 WHERE store = 'outbox'`);
    const rows = db.prepare('SELECT COUNT(*) AS n FROM outbox').get();
    db.close();
    expect(() => openOutboxFile(path)).toThrow(StoreTooNewError);
    expect(() => openOutboxFile(path)).toThrow(/outbox store in .* is at schema version 7, but this Inlet knows versions up to 2/);
    // Refused without touching it.
    expect(rowsOf(path, 'SELECT version FROM inlet_schema WHERE store = \'outbox\'')).toEqual([{ version: 7 }]);
    expect(rowsOf(path, 'SELECT COUNT(*) AS n FROM outbox')).toEqual([{ ...rows }]);
    // npm run forget says the same, in one line, and exits 1.
    const lines: string[] = [];
    expect(await runForget(['--email', 'refused@example.com', '--outbox', path, '--config', tmp.file('none.json')], (l) => lines.push(l))).toBe(1);
    expect(lines.at(-1)).toMatch(/^The outbox store in .* is at schema version 7, but this Inlet knows versions up to 2/);
  });

  it('refuses a file whose bookkeeping layout is newer too', () => {
    const path = tmp.file('layout.sqlite');
    const db = openSqlite(path, { synchronous: 'NORMAL' });
    db.exec('PRAGMA user_version = 9');
    db.close();
    expect(() => openOutboxFile(path)).toThrow(/at schema version 9, but this Inlet knows versions up to 1/);
  });

  it('the proxy process refuses to start on a newer store with a one-line message', () => {
    const path = tmp.file('newer-process.sqlite');
    copyFileSync(FIXTURE, path);
    openOutboxFile(path).db.close();
    const db = openSqlite(path, { synchronous: 'NORMAL' });
    db.exec(`UPDATE inlet_schema SET version = 3 WHERE store = 'outbox'`);
    db.close();
    writeFileSync(tmp.file('inlet.config.json'), JSON.stringify({ sites: { shop: { origins: ['https://shop.example.com'] } }, forms: [] }));
    const run = spawnSync(process.execPath, [resolve('proxy/adapters/node/main.ts')], {
      env: { ...process.env, BRAZE_REST_ENDPOINT: 'http://127.0.0.1:9', BRAZE_API_KEY: 'k', INLET_OUTBOX: path, INLET_CONFIG_FILE: tmp.file('inlet.config.json'), PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.trim() && !/ExperimentalWarning|--trace-warnings/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^inlet: The outbox store in .* is at schema version 3, but this Inlet knows versions up to 2: it was written by a newer Inlet\./);
  });
});

describe('migration lists', () => {
  it('refuses a list with a gap, so a renumbering mistake cannot skip a migration', () => {
    const db = openSqlite(':memory:', { synchronous: 'NORMAL' });
    expect(() => migrateSqlite(db, [{ store: 'x', migrations: [{ version: 1, name: 'a', up: 'SELECT 1' }, { version: 3, name: 'c', up: 'SELECT 1' }] }], 'memory')).toThrow(/numbered 1, 2, 3… without gaps; entry 2 is version 3/);
    db.close();
  });

  it('versions stores sharing one file independently, and rolls back a failing migration with its version', () => {
    const db = openSqlite(':memory:', { synchronous: 'NORMAL' });
    const a = { store: 'a', migrations: [{ version: 1, name: 't', up: 'CREATE TABLE a (x)' }] };
    const b = { store: 'b', migrations: [{ version: 1, name: 't', up: 'CREATE TABLE b (x)' }, { version: 2, name: 'bad', up: 'CREATE TABLE b2 (x); INSERT INTO nowhere VALUES (1)' }] };
    expect(() => migrateSqlite(db, [a, b], 'memory')).toThrow(/no such table: nowhere/);
    expect(schemaVersions(db)).toEqual({ a: 1, b: 1 });
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'b2'`).all()).toEqual([]);
    db.close();
  });
});
