/**
 * The offers store's SQL, shared by SQLite on Node and D1 on Workers (both SQLite). A claim is one
 * `UPDATE … RETURNING` statement: SQLite runs it atomically (D1 serialises every statement on its
 * one database), and the unique index on (site, pool, holder) refuses a second code per person
 * even if two claims of the same person race.
 */

/** Migration 1 of the offers store, on Node (proxy/adapters/node/migrations/offers.ts) and D1 (migrations/0002_offers.sql). */
export const OFFERS_SCHEMA_V1 = `
CREATE TABLE offer_codes (
  site TEXT NOT NULL,
  pool TEXT NOT NULL,
  code TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  -- Set once, never cleared: a claimed code is never handed out again (retention and erasure clear holder only).
  claimed_at INTEGER,
  -- Keyed hash of site + identity (proxy/lifecycle/keyed-hash.ts), never the identifier.
  holder TEXT,
  PRIMARY KEY (site, pool, code)
);
CREATE INDEX offer_codes_free ON offer_codes (site, pool, claimed_at);
CREATE UNIQUE INDEX offer_codes_holder ON offer_codes (site, pool, holder) WHERE holder IS NOT NULL;
CREATE TABLE offer_draws (
  site TEXT NOT NULL,
  form TEXT NOT NULL,
  holder TEXT NOT NULL,
  segment INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (site, form, holder)
);
CREATE INDEX offer_draws_at ON offer_draws (at);
`;

export const SQL = {
  held: `SELECT code FROM offer_codes WHERE site = ?1 AND pool = ?2 AND holder = ?3`,
  claim: `UPDATE offer_codes SET holder = ?3, claimed_at = ?4
    WHERE rowid = (SELECT rowid FROM offer_codes WHERE site = ?1 AND pool = ?2 AND claimed_at IS NULL ORDER BY rowid LIMIT 1)
      AND NOT EXISTS (SELECT 1 FROM offer_codes WHERE site = ?1 AND pool = ?2 AND holder = ?3)
    RETURNING code`,
  left: `SELECT count(*) AS n FROM offer_codes WHERE site = ?1 AND pool = ?2 AND claimed_at IS NULL`,
  draw: `INSERT INTO offer_draws (site, form, holder, segment, at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (site, form, holder) DO NOTHING`,
  drawn: `SELECT segment FROM offer_draws WHERE site = ?1 AND form = ?2 AND holder = ?3`,
  add: `INSERT INTO offer_codes (site, pool, code, added_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (site, pool, code) DO NOTHING`,
  stock: `SELECT pool, count(*) AS total, count(claimed_at) AS claimed FROM offer_codes WHERE site = ?1 GROUP BY pool ORDER BY pool`,
  prizes: `SELECT form, segment, count(*) AS n FROM offer_draws WHERE site = ?1 GROUP BY form, segment ORDER BY form, segment`,
  /** Retention: who held a code is forgotten; the code stays used. */
  forgetHolders: `UPDATE offer_codes SET holder = NULL WHERE holder IS NOT NULL AND claimed_at < ?1`,
  purgeDraws: `DELETE FROM offer_draws WHERE at < ?1`,
} as const;

/** Erasure: the holder hashes of one person go from both tables; their codes stay used. */
export const eraseSql = (n: number) => {
  const list = Array.from({ length: n }, (_, i) => `?${i + 1}`).join(', ');
  return { codes: `UPDATE offer_codes SET holder = NULL WHERE holder IN (${list})`, draws: `DELETE FROM offer_draws WHERE holder IN (${list})` };
};
