/**
 * Per-site lookups compiled once from the config: origin checks, published forms and their ETag.
 */
import type { InletConfig } from './config/inlet-config.ts';
import type { PublishedForm } from './config/form-schema.ts';
import type { SiteConfig } from './config/site-schema.ts';
import { compileOrigins, type OriginCheck } from './http/cors.ts';

export interface SiteEntry {
  id: string;
  config: SiteConfig;
  isAllowedOrigin: OriginCheck;
  forms: Map<string, PublishedForm>;
  /** The JSON served at `GET /v1/sites/:site/forms`, serialised once. */
  manifest: string;
  etag: string;
}

export async function indexSites(config: InletConfig): Promise<Map<string, SiteEntry>> {
  const sites = new Map<string, SiteEntry>();
  for (const [id, site] of Object.entries(config.sites)) {
    // Only the public site key is published; the secret stays in the site config.
    const turnstile = site.botProtection.turnstile && { siteKey: site.botProtection.turnstile.siteKey };
    const forms: PublishedForm[] = config.forms.filter((f) => f.site === id).map((f) => (turnstile ? { ...f, turnstile } : f));
    const manifest = JSON.stringify({ site: id, forms });
    sites.set(id, {
      id,
      config: site,
      isAllowedOrigin: compileOrigins(site.origins),
      forms: new Map(forms.map((f) => [f.id, f])),
      manifest,
      etag: `"${await sha256Hex(manifest).then((h) => h.slice(0, 32))}"`,
    });
  }
  return sites;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
