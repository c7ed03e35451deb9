/**
 * The offers store on SQLite (the outbox file, so a claim is as durable as an accepted sign-up:
 * committed before the `202`). node:sqlite is synchronous and one process owns the file, so each
 * statement is atomic; the `UPDATE … RETURNING` claim is the same one D1 runs.
 */
import type { ErasureTarget } from '../../lifecycle/erasure.ts';
import type { RetentionPurger } from '../../lifecycle/retention.ts';
import { holdersOf } from '../../offers/holders.ts';
import { eraseSql, SQL } from '../../offers/sql.ts';
import type { OfferStore } from '../../offers/store.ts';
import { transaction, type SqliteDb } from './sqlite.ts';

export function createSqliteOffers(db: SqliteDb, hashKey: string): OfferStore {
  const s = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Record<keyof typeof SQL, ReturnType<SqliteDb['prepare']>>;
  return {
    hashKey: async () => hashKey,
    async claim(site, pool, holder, now, { fresh }) {
      const held = s.held.get(site, pool, holder);
      if (held) return { code: String(held.code), fresh: false };
      if (!fresh) return { empty: true };
      const claimed = s.claim.get(site, pool, holder, now);
      return claimed ? { code: String(claimed.code), fresh: true } : { empty: true };
    },
    left: async (site, pool) => Number(s.left.get(site, pool)?.n ?? 0),
    async draw(site, form, holder, segment, now) {
      s.draw.run(site, form, holder, segment, now);
      return Number(s.drawn.get(site, form, holder)!.segment);
    },
    async add(site, pool, codes, now) {
      const added = transaction(db, () => codes.reduce((n, code) => n + Number(s.add.run(site, pool, code, now).changes), 0));
      return { added, duplicates: codes.length - added };
    },
    stock: async (site) => s.stock.all(site).map((r) => ({ pool: String(r.pool), total: Number(r.total), claimed: Number(r.claimed), left: Number(r.total) - Number(r.claimed) })),
    prizes: async (site) => s.prizes.all(site).map((r) => ({ form: String(r.form), segment: Number(r.segment), count: Number(r.n) })),
  };
}

export function sqliteOffersErasure(db: SqliteDb, hashKey: string): ErasureTarget {
  return {
    store: 'offers',
    async erase(subject) {
      const held = db.prepare(`SELECT DISTINCT site FROM offer_codes WHERE holder IS NOT NULL UNION SELECT DISTINCT site FROM offer_draws`).all().map((r) => String(r.site));
      const holders = await holdersOf(hashKey, subject, held);
      if (holders.length === 0) return { claims: 0, draws: 0 };
      const sql = eraseSql(holders.length);
      const removed = transaction(db, () => ({ claims: Number(db.prepare(sql.codes).run(...holders).changes), draws: Number(db.prepare(sql.draws).run(...holders).changes) }));
      // The file's old pages still hold the holder hashes until the write-ahead log is folded in.
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      return removed;
    },
  };
}

export function sqliteOffersPurgers(db: SqliteDb): RetentionPurger[] {
  return [
    { kind: 'tags', store: 'offers', purge: async (cutoff) => Number(db.prepare(SQL.forgetHolders).run(cutoff).changes) + Number(db.prepare(SQL.purgeDraws).run(cutoff).changes) },
  ];
}
