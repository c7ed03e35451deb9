/**
 * The offers store on D1 (binding DB, migrations/0002_offers.sql). D1 runs every statement of a
 * database one at a time, so the single `UPDATE … RETURNING` claim is atomic across isolates;
 * a claim is durable once D1 answers, before the `202`.
 */
import type { ErasureTarget } from '../../lifecycle/erasure.ts';
import type { RetentionPurger } from '../../lifecycle/retention.ts';
import { holdersOf } from '../../offers/holders.ts';
import { eraseSql, SQL } from '../../offers/sql.ts';
import type { OfferStore } from '../../offers/store.ts';
import { d1State } from './d1-schema.ts';
import type { D1Database } from './cf.ts';

export function d1Offers(db: D1Database): OfferStore {
  const held = async (site: string, pool: string, holder: string) => (await db.prepare(SQL.held).bind(site, pool, holder).first<{ code: string }>())?.code;
  return {
    hashKey: async () => (await d1State(db)).hashKey,
    async claim(site, pool, holder, now, { fresh }) {
      const existing = await held(site, pool, holder);
      if (existing !== undefined) return { code: existing, fresh: false };
      if (!fresh) return { empty: true };
      try {
        const row = await db.prepare(SQL.claim).bind(site, pool, holder, now).first<{ code: string }>();
        if (row) return { code: row.code, fresh: true };
      } catch (error) {
        // The same person claiming twice at once: the unique holder index refused the second; return the first.
        if (!String(error).includes('UNIQUE')) throw error;
      }
      const raced = await held(site, pool, holder);
      return raced !== undefined ? { code: raced, fresh: false } : { empty: true };
    },
    left: async (site, pool) => (await db.prepare(SQL.left).bind(site, pool).first<{ n: number }>())?.n ?? 0,
    async draw(site, form, holder, segment, now) {
      const [, drawn] = await db.batch([db.prepare(SQL.draw).bind(site, form, holder, segment, now), db.prepare(SQL.drawn).bind(site, form, holder)]);
      return (drawn as unknown as { results: { segment: number }[] }).results[0]!.segment;
    },
    async add(site, pool, codes, now) {
      let added = 0;
      // D1 caps a batch's size; 500 statements per batch stays well inside it.
      for (let i = 0; i < codes.length; i += 500) {
        const results = await db.batch(codes.slice(i, i + 500).map((code) => db.prepare(SQL.add).bind(site, pool, code, now)));
        added += results.reduce((n, r) => n + r.meta.changes, 0);
      }
      return { added, duplicates: codes.length - added };
    },
    async stock(site) {
      const { results } = await db.prepare(SQL.stock).bind(site).all<{ pool: string; total: number; claimed: number }>();
      return results.map((r) => ({ pool: r.pool, total: r.total, claimed: r.claimed, left: r.total - r.claimed }));
    },
    async prizes(site) {
      const { results } = await db.prepare(SQL.prizes).bind(site).all<{ form: string; segment: number; n: number }>();
      return results.map((r) => ({ form: r.form, segment: r.segment, count: r.n }));
    },
  };
}

export function d1OffersErasure(db: D1Database): ErasureTarget {
  return {
    store: 'offers',
    async erase(subject) {
      const { hashKey } = await d1State(db);
      const { results } = await db.prepare(`SELECT DISTINCT site FROM offer_codes WHERE holder IS NOT NULL UNION SELECT DISTINCT site FROM offer_draws`).all<{ site: string }>();
      const holders = await holdersOf(hashKey, subject, results.map((r) => r.site));
      if (holders.length === 0) return { claims: 0, draws: 0 };
      const sql = eraseSql(holders.length);
      const [codes, draws] = await db.batch([db.prepare(sql.codes).bind(...holders), db.prepare(sql.draws).bind(...holders)]);
      return { claims: codes!.meta.changes, draws: draws!.meta.changes };
    },
  };
}

export function d1OffersPurgers(db: D1Database): RetentionPurger[] {
  return [
    {
      kind: 'tags',
      store: 'offers',
      async purge(cutoff) {
        await d1State(db);
        const [a, b] = await db.batch([db.prepare(SQL.forgetHolders).bind(cutoff), db.prepare(SQL.purgeDraws).bind(cutoff)]);
        return a!.meta.changes + b!.meta.changes;
      },
    },
  ];
}
