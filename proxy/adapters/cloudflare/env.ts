/**
 * The Worker's bindings: the string ones are settings, read through `proxy/settings.ts` like every
 * runtime's variables (names in docs/settings.md); the others are the KV namespaces, the queue and
 * the assets, named as in wrangler.toml.
 */
import type { EventRow } from '../../analytics/types.ts';
import type { PreparedSubmission } from '../../delivery/types.ts';
import { readSettings, type Settings } from '../../settings.ts';
import type { D1Database, Fetcher, KVNamespace, Queue } from './cf.ts';

export interface WorkerEnv {
  /** Published config (key `config`): sites and their forms. */
  FORMS?: KVNamespace;
  /** Hashes of attribute values already delivered per identity (deltas), and delivered submission ids. */
  DELTAS?: KVNamespace;
  /** Dead letters: submissions or objects Braze refused for good, with the reason. */
  DEAD_LETTERS?: KVNamespace;
  /** Producer binding of the submissions queue; without it submissions go to Braze directly. */
  QUEUE?: Queue<PreparedSubmission>;
  /** D1 (`[[d1_databases]]`): the hash key, the erasure log and the studio's store; migrations in `migrations/`. */
  DB?: D1Database;
  /** The built widget (`[assets]`). */
  ASSETS?: Fetcher;
  /** D1 database of analytics (events, assignments, sign-ups, rollups); analytics are off without it. Migrations in `migrations/analytics/`. */
  ANALYTICS_DB?: D1Database;
  /** Producer binding of the analytics queue: beacons are written to D1 by its consumer. */
  ANALYTICS_QUEUE?: Queue<EventRow[]>;
  /** `[vars]` and secrets: see docs/settings.md. */
  [setting: string]: unknown;
}

export const CONFIG_KEY = 'config';

/** The settings from the string bindings (`[vars]`, secrets); the getter is all this adapter reads. */
export function workerSettings(env: WorkerEnv): Settings {
  return readSettings('cloudflare', (name) => (typeof env[name] === 'string' ? (env[name] as string) : undefined));
}
