-- Inlet's D1 database on Cloudflare Workers (binding DB), migration 1: the lifecycle store.
-- Applied with `npx wrangler d1 migrations apply inlet --remote` (docs/data.md, "Migrations").
-- Numbered, forward-only: a released file is never edited; a change is a new file after the last.
-- proxy/adapters/cloudflare/d1-schema.ts lists these files; a database with one it does not know is refused.

CREATE TABLE inlet_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
-- The key of every keyed hash the Worker stores (delta keys and value hashes in DELTAS), made once.
INSERT INTO inlet_meta (name, value) VALUES ('hash_key', lower(hex(randomblob(32))));

-- Who was erased is never written: when, through what, and how many entries per store.
CREATE TABLE erasure_log (at INTEGER NOT NULL, via TEXT NOT NULL, removed TEXT NOT NULL);
CREATE INDEX erasure_log_at ON erasure_log (at);
