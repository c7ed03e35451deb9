/**
 * The studio on Node, on when INLET_STUDIO_DB or INLET_STUDIO_PUBLISHER is set: its SQLite store
 * (INLET_STUDIO_DB, default `.inlet/studio.sqlite`), its
 * settings, its files (dist/widget/studio) and a timer for scheduled publishes and ends.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Handler } from '../../handler.ts';
import type { StudioOptions } from '../../studio/app.ts';
import { readStudioSettings } from '../../studio/settings.ts';
import { openStudioDb } from './studio-db.ts';
import { studioFileAssets } from './studio-assets.ts';

export const DEFAULT_STUDIO_DB = '.inlet/studio.sqlite';

export interface NodeStudio {
  options: StudioOptions;
  path: string;
  /** Runs due scheduled publishes and ends every `everyMs`; returns the function that stops it. */
  schedule(handler: Handler, everyMs?: number): () => void;
  close(): void;
}

export function nodeStudio(env: NodeJS.ProcessEnv = process.env, overrides: Partial<StudioOptions> & { path?: string } = {}): NodeStudio | undefined {
  // Off unless asked for: with a studio its store's live versions become the forms, so a deployment
  // that edits forms in its config file keeps doing so until it sets INLET_STUDIO_DB or a publisher.
  if (!overrides.path && !env.INLET_STUDIO_DB && !env.INLET_STUDIO_PUBLISHER) return undefined;
  const setting = overrides.path ?? env.INLET_STUDIO_DB ?? DEFAULT_STUDIO_DB;
  if (setting === 'off') return undefined;
  const path = setting === ':memory:' ? setting : resolve(setting);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const { db, close } = openStudioDb(path);
  const { path: _p, ...rest } = overrides;
  return {
    path,
    // One process owns the store, and refreshes its cache on each publish; 1 s covers `npm run forms -- import`.
    options: { db, liveTtlMs: 1000, assets: studioFileAssets(resolve(env.INLET_WIDGET_DIR ?? 'dist/widget', 'studio')), ...readStudioSettings(env), ...rest },
    schedule(handler, everyMs = 15_000) {
      const timer = setInterval(() => void handler.studio?.tick().catch((e: unknown) => console.error('inlet studio: scheduler', e instanceof Error ? e.message : e)), everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    close,
  };
}
