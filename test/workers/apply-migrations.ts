/** Before each workerd test file: the D1 databases (DB, ANALYTICS_DB) migrated as `wrangler d1 migrations apply` would (idempotent). */
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.ANALYTICS_DB, env.TEST_ANALYTICS_MIGRATIONS);
