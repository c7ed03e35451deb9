import type { PublishedForm } from '../types.ts';

export interface Manifest {
  site: string;
  forms: PublishedForm[];
}

/**
 * Fetches the site's published forms once the host page has loaded, so the request never competes
 * with the page's own critical ones (LCP). The browser cache and the proxy's ETag keep it cheap.
 * fetch's default credentials mode already sends no cookies to another origin.
 */
export const fetchManifest = (api: string, site: string): Promise<Manifest> =>
  new Promise((loaded) => (document.readyState == 'complete' ? loaded(0) : addEventListener('load', loaded)))
    .then(() => fetch(`${api}/v1/sites/${site}/forms`))
    // A refusal is logged as the Response itself: its status and URL say what went wrong.
    .then((r) => (r.ok ? r.json() : Promise.reject(r)));
