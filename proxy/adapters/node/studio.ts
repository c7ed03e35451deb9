/**
 * The studio on Node, on when INLET_STUDIO_DB or INLET_STUDIO_PUBLISHER is set (`npm start` always,
 * unless INLET_STUDIO_DB=off): its SQLite file (INLET_STUDIO_DB, default `.inlet/studio.sqlite`)
 * migrated by the lifecycle runner, its settings (proxy/settings.ts), its files (dist/widget/studio),
 * its retention purgers and erasure target, and a timer for scheduled publishes and ends.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Handler } from '../../handler.ts';
import type { RetentionPurger } from '../../lifecycle/retention.ts';
import type { ErasureTarget } from '../../lifecycle/erasure.ts';
import type { Settings } from '../../settings.ts';
import type { StudioOptions } from '../../studio/app.ts';
import type { SqlDatabase } from '../../studio/db.ts';
import { studioErasureTarget, studioPurgers } from '../../studio/lifecycle.ts';
import { studioMigrations } from './migrations/studio.ts';
import { migrateSqlite } from './sqlite-migrate.ts';
import { openSqlite } from './sqlite.ts';
import { nodeStudioDb } from './studio-db.ts';
import { studioFileAssets } from './studio-assets.ts';

export const DEFAULT_STUDIO_DB = '.inlet/studio.sqlite';

export interface NodeStudio {
  options: StudioOptions;
  path: string;
  purgers: RetentionPurger[];
  erasure: ErasureTarget;
  /** Runs due scheduled publishes and ends every `everyMs`; returns the function that stops it. */
  schedule(handler: Handler, everyMs?: number): () => void;
  close(): void;
}

/** The studio when the settings ask for it (or `always`, the demo); `undefined` when off. */
export function nodeStudio(settings: Pick<Settings, 'studio' | 'widgetDir'>, overrides: Partial<StudioOptions> & { path?: string; always?: boolean } = {}): NodeStudio | undefined {
  const { path: given, always, ...rest } = overrides;
  // Off unless asked for: with a studio its store's live versions become the forms, so a deployment
  // that edits forms in its config file keeps doing so until it sets INLET_STUDIO_DB or a publisher.
  if (settings.studio.off) return undefined;
  if (!given && !always && !settings.studio.db && !settings.studio.firstPublisher) return undefined;
  const setting = given ?? settings.studio.db ?? DEFAULT_STUDIO_DB;
  const path = setting === ':memory:' ? setting : resolve(setting);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const { db, close } = openStudioFile(path);
  const { secret, firstPublisher, origins } = settings.studio;
  return {
    path,
    // One process owns the store, and refreshes its cache on each publish; 1 s covers `npm run forms -- import`.
    options: { db, liveTtlMs: 1000, assets: studioFileAssets(resolve(settings.widgetDir, 'studio')), secret, firstPublisher, origins, ...rest },
    purgers: studioPurgers(db),
    erasure: studioErasureTarget(db),
    schedule(handler, everyMs = 15_000) {
      const timer = setInterval(() => void handler.studio?.tick().catch((e: unknown) => console.error('inlet studio: scheduler', e instanceof Error ? e.message : e)), everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    close,
  };
}

/** Opens (creating if needed) a studio SQLite file, brought to the studio store's latest schema. */
export function openStudioFile(path: string): { db: SqlDatabase; close(): void } {
  const sqlite = openSqlite(path, { synchronous: 'NORMAL' });
  try {
    migrateSqlite(sqlite, [studioMigrations], path);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return { db: nodeStudioDb(sqlite), close: () => sqlite.close() };
}
