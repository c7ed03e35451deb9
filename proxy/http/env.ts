/** What the routes share through Hono's context. */
import type { SiteEntry } from '../site-index.ts';

/** What only the platform knows about a request, passed by the runtime adapter. */
export interface RequestInfo {
  /** The visitor's address as the platform saw it (never a header a client could set). */
  clientIp?: string;
  /** Cloudflare's `request.cf.country`, or the country header the platform adds. */
  country?: string;
}

export interface ProxyEnv {
  Bindings: RequestInfo;
  Variables: {
    /** The site a request is for, once known: errors then carry CORS headers for its allowed origins. */
    site?: SiteEntry;
    /** True on a preflight for a route whose site is in the body: any configured site's origin may ask. */
    anySite?: boolean;
  };
}
