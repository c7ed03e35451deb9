import type { InletConfig } from './config/inlet-config.ts';
import type { AnalyticsOptions } from './analytics/index.ts';
import type { Delivery } from './delivery/types.ts';
import type { ErasureRegistry } from './lifecycle/erasure.ts';
import type { OfferStore } from './offers/store.ts';
import type { StudioOptions } from './studio/app.ts';

/** A widget file for `path` (`null`: not one), encoded as the request accepts when a precompressed copy exists. */
export type Assets = (path: string, request: Request) => Promise<Response | null>;

export interface BrazeConnection {
  /** REST endpoint of the Braze instance (the sandbox's URL in development). */
  endpoint: string;
  apiKey: string;
}

export interface ProxyOptions {
  /** Raw config (validated at construction) or an already parsed one. */
  config: unknown;
  braze: BrazeConnection;
  /** Where accepted submissions go; direct delivery to Braze when omitted. */
  delivery?: Delivery;
  /** Serves widget files (`/inlet.js`, chunks); each runtime adapter supplies its own. */
  assets?: Assets;
  /** Largest accepted request body in bytes, enforced before parsing. */
  maxBodyBytes?: number;
  fetch?: typeof fetch;
  now?: () => number;
  /** Where `env:NAME` secrets in the config are looked up (Worker bindings, `process.env`, …). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Key for multi-step continuation tokens. When absent a random one is made per process, so tokens
   * work only on the instance that issued them: deployments with several instances must set it.
   */
  secret?: string;
  /** Bearer token for `/v1/admin/*` (stats, dead letters); those routes are off without it or a site's own token. */
  adminToken?: string;
  /** How long a multi-step form's later steps may follow the first, in seconds. */
  continuationTtlSeconds?: number;
  /** Every store's erasure target, for `POST /v1/admin/forget` (docs/data.md, "Erasure"). */
  erasure?: ErasureRegistry;
  /** Code pools and wheel draws (docs/offers.md); without it pools give their fallback and wheels bind no prize. */
  offers?: OfferStore;
  /** Uniform in [0, 1) for wheel draws; the platform's CSPRNG when omitted (tests seed it). */
  random?: () => number;
  /** Analytics and experiments (`/v1/events`, `/v1/studio/analytics`); off when omitted (docs/analytics.md). */
  analytics?: AnalyticsOptions;
  /** The studio (proxy/studio/): its store, session secret and first publisher. Off when absent. */
  studio?: StudioOptions;
}

export const DEFAULTS = {
  maxBodyBytes: 16 * 1024,
  now: () => Date.now(),
  continuationTtlSeconds: 24 * 3600,
} satisfies Partial<ProxyOptions>;

export type ResolvedOptions = Omit<ProxyOptions, 'config'> & typeof DEFAULTS & { config: InletConfig };
