/**
 * The seam between offers and storage: SQLite implements it on Node (in the outbox file), D1 on
 * Workers. Holders are keyed hashes of the site and the identity (`email:…`, `phone:…`), never
 * the identifier itself (proxy/lifecycle/keyed-hash.ts).
 */

export type ClaimOutcome = { code: string; fresh: boolean } | { empty: true };

export interface PoolStock {
  pool: string;
  total: number;
  claimed: number;
  left: number;
}

export interface PrizeCount {
  form: string;
  segment: number;
  count: number;
}

export interface OfferStore {
  /** The key holders are hashed with (the file's or database's hash key). */
  hashKey(): Promise<string>;
  /**
   * The code `holder` already holds in the pool, else (when `fresh` is allowed) one free code
   * claimed atomically for it: no code is ever handed to two holders. Durable when it resolves.
   */
  claim(site: string, pool: string, holder: string, now: number, options: { fresh: boolean }): Promise<ClaimOutcome>;
  /** Codes still free in the pool. */
  left(site: string, pool: string): Promise<number>;
  /** Records `segment` as the holder's draw on this form unless one is recorded; returns the recorded one. */
  draw(site: string, form: string, holder: string, segment: number, now: number): Promise<number>;
  /** Adds codes to a pool; codes already in it are skipped and counted. */
  add(site: string, pool: string, codes: readonly string[], now: number): Promise<{ added: number; duplicates: number }>;
  /** Stock per pool of the site: for `npm run codes -- status`, the studio and analytics. */
  stock(site: string): Promise<PoolStock[]>;
  /** Wheel prizes awarded per form and segment (draws still within retention). */
  prizes(site: string): Promise<PrizeCount[]>;
}
