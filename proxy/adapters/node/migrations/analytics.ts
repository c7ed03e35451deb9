/**
 * The analytics store of the Node analytics file (INLET_ANALYTICS): its migrations are web-neutral,
 * shared with D1 (proxy/analytics/migrations.ts), and applied here by the SQLite runner.
 */
export { analyticsMigrations } from '../../../analytics/migrations.ts';
