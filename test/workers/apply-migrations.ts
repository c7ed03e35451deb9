/** Before each workerd test file: the D1 database migrated as `wrangler d1 migrations apply` would (idempotent). */
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
