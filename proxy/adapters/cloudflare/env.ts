/**
 * Everything the Worker reads from its bindings, in one place. Names match wrangler.toml and
 * the docs/deploy.md, "Deploy"; a missing one is reported by name with the command that sets it.
 */
import type { PreparedSubmission } from '../../delivery/types.ts';
import type { BrazeConnection } from '../../options.ts';
import type { D1Database, Fetcher, KVNamespace, Queue } from './types.ts';
import { readStudioSettings, type StudioSettings } from '../../studio/settings.ts';

export interface WorkerEnv {
  /** `[vars]`: the REST endpoint of the Braze instance, e.g. `https://rest.fra-01.braze.eu`. */
  BRAZE_REST_ENDPOINT?: string;
  /** Secret: `wrangler secret put BRAZE_API_KEY`. */
  BRAZE_API_KEY?: string;
  /** Secret for admin endpoints: `wrangler secret put ADMIN_TOKEN`. */
  ADMIN_TOKEN?: string;
  /** Secret signing multi-step continuation tokens; every isolate must share it. */
  INLET_SIGNING_SECRET?: string;
  /** Config as JSON text, used when the FORMS namespace holds none (small or static setups). */
  INLET_CONFIG?: string;
  /** How long an isolate trusts the config it read from KV before reading it again. */
  INLET_CONFIG_TTL_SECONDS?: string;
  /** Published config (key `config`): sites and their forms. */
  FORMS?: KVNamespace;
  /** Hashes of attribute values already delivered per identity (deltas), and delivered submission ids. */
  DELTAS?: KVNamespace;
  /** Dead letters: submissions or objects Braze refused for good, with the reason. */
  DEAD_LETTERS?: KVNamespace;
  /** Producer binding of the submissions queue; without it submissions go to Braze directly. */
  QUEUE?: Queue<PreparedSubmission>;
  /** The built widget (`[assets]`). */
  ASSETS?: Fetcher;
  /** The studio's store (`[[d1_databases]]`); the studio runs when it is bound and INLET_STUDIO_SECRET is set. */
  STUDIO_DB?: D1Database;
  /** Secret signing studio sessions: `wrangler secret put INLET_STUDIO_SECRET`. */
  INLET_STUDIO_SECRET?: string;
}

export interface WorkerSettings {
  braze: BrazeConnection;
  configTtlMs: number;
  adminToken?: string;
  signingSecret?: string;
  /** The string bindings, for `env:NAME` references in the config. */
  vars: Record<string, string>;
  /** Present when the studio runs (STUDIO_DB bound, INLET_STUDIO_SECRET set). */
  studio?: StudioSettings;
}

export class WorkerEnvError extends Error {
  override readonly name = 'WorkerEnvError';
}

export const CONFIG_KEY = 'config';
const DEFAULT_CONFIG_TTL_SECONDS = 30;

export function readWorkerEnv(env: WorkerEnv): WorkerSettings {
  const endpoint = env.BRAZE_REST_ENDPOINT;
  const apiKey = env.BRAZE_API_KEY;
  if (!endpoint) throw new WorkerEnvError('BRAZE_REST_ENDPOINT is not set: add it under [vars] in wrangler.toml (e.g. "https://rest.fra-01.braze.eu").');
  if (!/^https?:\/\//.test(endpoint)) throw new WorkerEnvError(`BRAZE_REST_ENDPOINT must be an http(s) URL, got "${endpoint}".`);
  if (!apiKey) throw new WorkerEnvError('BRAZE_API_KEY is not set: run `npx wrangler secret put BRAZE_API_KEY`.');
  const ttl = Number(env.INLET_CONFIG_TTL_SECONDS ?? DEFAULT_CONFIG_TTL_SECONDS);
  if (!Number.isFinite(ttl) || ttl < 0) throw new WorkerEnvError(`INLET_CONFIG_TTL_SECONDS must be a number of seconds ≥ 0, got "${env.INLET_CONFIG_TTL_SECONDS}".`);
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  // Isolates do not share memory: without a shared secret each would refuse the others' sessions.
  const studio = env.STUDIO_DB && env.INLET_STUDIO_SECRET ? readStudioSettings(vars) : undefined;
  return { braze: { endpoint, apiKey }, configTtlMs: ttl * 1000, adminToken: env.ADMIN_TOKEN || undefined, signingSecret: env.INLET_SIGNING_SECRET || undefined, vars, studio };
}
