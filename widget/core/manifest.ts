import type { PublishedForm } from '../types.ts';

export interface Manifest {
  site: string;
  forms: PublishedForm[];
}

/** Fetches the site's published forms; the browser cache and the proxy's ETag keep it cheap. */
export async function fetchManifest(api: string, site: string): Promise<Manifest> {
  const response = await fetch(`${api}/v1/sites/${encodeURIComponent(site)}/forms`, { credentials: 'omit' });
  if (!response.ok) throw new Error(`inlet: forms for site "${site}" could not be loaded (HTTP ${response.status})`);
  return (await response.json()) as Manifest;
}
