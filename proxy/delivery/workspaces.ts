/**
 * Per-site Braze workspaces (`sites.<id>.braze`): one client per distinct endpoint and key, so two
 * sites sharing a workspace share its client and rate limiter, and a site naming none uses the
 * deployment's. Delivery packs each call per site, so a call never carries two workspaces' objects.
 */
import type { BrazeClient } from '../braze/client.ts';
import type { InletConfig } from '../config/inlet-config.ts';
import type { BrazeConnection } from '../options.ts';

export type SiteClients = ReadonlyMap<string, { key: string; client: BrazeClient }>;

/** The workspace of each site that names its own, keyed by endpoint and key (the key never leaves memory). */
export function siteClients(sites: InletConfig['sites'] | undefined, makeClient: (connection: BrazeConnection) => BrazeClient): SiteClients {
  const clients = new Map<string, BrazeClient>();
  const out = new Map<string, { key: string; client: BrazeClient }>();
  for (const [site, config] of Object.entries(sites ?? {})) {
    if (!config.braze) continue;
    const key = `${config.braze.endpoint}\n${config.braze.apiKey}`;
    if (!clients.has(key)) clients.set(key, makeClient(config.braze));
    out.set(site, { key, client: clients.get(key)! });
  }
  return out;
}
