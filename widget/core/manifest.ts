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
    .then(
      (r) => (r.ok ? r.json() : Promise.reject('inlet: forms HTTP ' + r.status)),
      // A refused origin's 403 carries no CORS headers, so the browser says only "Failed to fetch".
      () => Promise.reject(`inlet: forms refused? Add ${location.origin} to sites.${site}.origins`),
    );
