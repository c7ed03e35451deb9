/**
 * `createHandler(options)`: the whole proxy as one web-standard fetch handler.
 * It knows nothing about the runtime it runs on; adapters in `adapters/` are a few lines each.
 */
import { parseConfig, type InletConfig } from './config/inlet-config.ts';
import { createBrazeClient } from './braze/client.ts';
import { createDirectDelivery } from './delivery/direct.ts';
import { HttpError } from './errors.ts';
import { corsHeaders } from './http/cors.ts';
import { DEFAULTS, type ProxyOptions, type ResolvedOptions } from './options.ts';
import { createAdminRoutes } from './routes/admin.ts';
import { serveForms } from './routes/forms.ts';
import { createSubmissionRoute } from './routes/submissions.ts';
import { indexSites, type SiteEntry } from './site-index.ts';
import { createStudio, isStudioPath, type Studio } from './studio/app.ts';

export type Handler = ((request: Request, env?: unknown, ctx?: { waitUntil(p: Promise<unknown>): void }) => Promise<Response>) & {
  /** Present when a studio store is configured: adapters run its scheduler (`studio.tick()`). */
  studio?: Studio;
};

const FORMS_ROUTE = /^\/v1\/sites\/([a-z0-9-]{1,64})\/forms$/;

export function createHandler(options: ProxyOptions): Handler {
  // Config errors surface here, at start-up, never at a visitor's submission.
  const config = parseConfig(options.config, { env: options.env });
  const opts: ResolvedOptions = { ...DEFAULTS, ...options, config };
  const delivery = opts.delivery ?? createDirectDelivery(createBrazeClient({ ...opts.braze, ...(opts.fetch && { fetch: opts.fetch }) }));
  const sitesReady = indexSites(config);
  const submissions = createSubmissionRoute(opts, delivery);
  const siteTokens = new Map(Object.entries(config.sites).flatMap(([id, s]) => (s.adminToken ? [[id, s.adminToken] as const] : [])));
  const admin = createAdminRoutes({ delivery, token: opts.adminToken, siteTokens, now: opts.now });
  // With a studio store, its live versions are the forms; the file config's forms seed it once.
  const studio = opts.studio && createStudio(opts.studio, { config, seedForms: seedForms(options.config, config), braze: opts.braze, fetch: opts.fetch, delivery, now: opts.now });

  const handle: Handler = async function handle(request) {
    const url = new URL(request.url);
    // The studio is its own sub-app (proxy/studio/app.ts), at /studio and /v1/studio/*.
    if (studio && isStudioPath(url.pathname)) return studio.fetch(request);
    const sites = studio ? await studio.sites() : await sitesReady;
    const origin = request.headers.get('origin');
    let site: SiteEntry | undefined;
    try {
      const formsMatch = FORMS_ROUTE.exec(url.pathname);
      if (formsMatch) {
        site = sites.get(formsMatch[1]!);
        if (!site) throw new HttpError(404, 'unknown_site', `No site "${formsMatch[1]}" is configured.`);
        checkOrigin(site, origin);
        if (request.method === 'OPTIONS') return withCors(new Response(null, { status: 204 }), origin);
        if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed('GET');
        return withCors(serveForms(site, request), origin);
      }
      if (url.pathname === '/v1/submissions') {
        if (request.method === 'OPTIONS') {
          // The site is in the body, which a preflight lacks: any configured site's origin may ask.
          if (origin && ![...sites.values()].some((s) => s.isAllowedOrigin(origin))) throw originNotAllowed();
          return withCors(new Response(null, { status: 204 }), origin);
        }
        if (request.method !== 'POST') throw methodNotAllowed('POST');
        return withCors(await submissions.accept(request, sites, (entry) => { site = entry; checkOrigin(entry, origin); }), origin);
      }
      if (url.pathname === '/healthz' || url.pathname.startsWith('/v1/admin/')) return await admin(request, url);
      if ((request.method === 'GET' || request.method === 'HEAD') && opts.assets) {
        const asset = await opts.assets(url.pathname);
        if (asset) return asset;
      }
      throw new HttpError(404, 'not_found', `Nothing at ${url.pathname}.`);
    } catch (error) {
      const response = error instanceof HttpError ? error.toResponse() : internalError(error);
      // Errors carry CORS headers too, so the widget can read field errors; never for a refused origin.
      return site && origin && site.isAllowedOrigin(origin) ? withCors(response, origin) : response;
    }
  };
  if (studio) handle.studio = studio;
  return handle;
}

/** The forms as the file config writes them (before defaults), so the studio's drafts read like the file. */
function seedForms(raw: unknown, config: InletConfig): Record<string, unknown>[] {
  const forms = (raw as { forms?: unknown } | null)?.forms;
  return (Array.isArray(forms) ? forms : config.forms) as Record<string, unknown>[];
}

function checkOrigin(site: SiteEntry, origin: string | null): void {
  // No Origin header means no browser is asking; CORS only protects browsers' credentials anyway.
  if (origin && !site.isAllowedOrigin(origin)) throw originNotAllowed();
}

const originNotAllowed = () => new HttpError(403, 'origin_not_allowed', 'This origin is not in the site\'s allowed origins.');
const methodNotAllowed = (allow: string) => new HttpError(405, 'method_not_allowed', `Use ${allow}.`, { headers: { allow } });

function withCors(response: Response, origin: string | null): Response {
  if (!origin) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(corsHeaders(origin))) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function internalError(error: unknown): Response {
  // Log the type only: submissions hold PII, and an exception message may quote them.
  console.error('inlet: unexpected error', error instanceof Error ? error.name : typeof error);
  return new HttpError(500, 'internal_error', 'Something failed inside the proxy; the submission was not accepted.').toResponse();
}
