import type { InletConfig } from './config/inlet-config.ts';
import type { Delivery } from './delivery/types.ts';

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
  assets?: (path: string) => Promise<Response | null>;
  /** Largest accepted request body in bytes, enforced before parsing. */
  maxBodyBytes?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export const DEFAULTS = {
  maxBodyBytes: 16 * 1024,
  now: () => Date.now(),
} satisfies Partial<ProxyOptions>;

export type ResolvedOptions = Omit<ProxyOptions, 'config'> & typeof DEFAULTS & { config: InletConfig };
