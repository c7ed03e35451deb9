/**
 * The offers store in the outbox file: code pools, who claimed which code (as keyed hashes) and
 * wheel draws (proxy/offers/, docs/offers.md).
 */
import type { StoreMigrations } from '../../../lifecycle/migrations.ts';
import { OFFERS_SCHEMA_V1 } from '../../../offers/sql.ts';

export const offersMigrations: StoreMigrations = {
  store: 'offers',
  migrations: [{ version: 1, name: 'code pools, claims and wheel draws', up: OFFERS_SCHEMA_V1 }],
};
