-- Inlet's D1 database (binding DB), migration 2: the offers store (docs/offers.md).
-- Code pools, who claimed which code (a keyed hash, never the identifier) and wheel draws.
-- Same schema as the Node store (proxy/offers/sql.ts, OFFERS_SCHEMA_V1); a released file is never edited.

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
