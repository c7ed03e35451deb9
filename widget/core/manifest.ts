import type { PublishedForm } from '../types.ts';

export interface Manifest {
  site: string;
  forms: PublishedForm[];
}

/** Fetches the site's published forms; the browser cache and the proxy's ETag keep it cheap. */
export const fetchManifest = (api: string, site: string): Promise<Manifest> =>
  fetch(`${api}/v1/sites/${site}/forms`, { credentials: 'omit' }).then((r) => (r.ok ? r.json() : Promise.reject(Error('inlet: forms HTTP ' + r.status))));
