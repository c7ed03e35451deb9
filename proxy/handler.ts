/**
 * `createHandler(options)`: the whole proxy as one web-standard fetch handler, routed by Hono (which
 * runs unchanged on every runtime Inlet supports). It knows nothing about the runtime: an adapter
 * passes the request and what only the platform knows (`RequestInfo`). A route group is one `route()`.
 */
import { Hono } from 'hono/tiny';
import { createAnalytics } from './analytics/index.ts';
import { parseConfig, type InletConfig } from './config/inlet-config.ts';
import { createBrazeClient } from './braze/client.ts';
import { createDirectDelivery } from './delivery/direct.ts';
import { HttpError } from './errors.ts';
import { siteCors } from './http/cors.ts';
import type { ProxyEnv, RequestInfo } from './http/env.ts';
import { DEFAULTS, type BrazeConnection, type ProxyOptions, type ResolvedOptions } from './options.ts';
import { siteClients } from './delivery/workspaces.ts';
import { adminRoutes, healthRoute } from './routes/admin.ts';
import { formsRoutes, type SitesSource } from './routes/forms.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { indexSites } from './site-index.ts';
import { createStudio, type Studio } from './studio/app.ts';
import { bindStudio } from './studio/access.ts';
import { previewRoutes } from './studio/preview-routes.ts';

export type { RequestInfo } from './http/env.ts';
export type Handler = ((request: Request, info?: RequestInfo) => Promise<Response>) & {
  /** Present when a studio store is configured: adapters run its scheduler (`studio.tick()`). */
  studio?: Studio;
};

export function createHandler(options: ProxyOptions): Handler {
  // Config errors surface here, at start-up, never at a visitor's submission.
  const config = parseConfig(options.config, { env: options.env });
  const opts: ResolvedOptions = { ...DEFAULTS, ...options, config };
  const client = (connection: BrazeConnection) => createBrazeClient({ ...connection, ...(opts.fetch && { fetch: opts.fetch }) });
  const delivery = opts.delivery ?? createDirectDelivery(client(opts.braze), { siteClients: siteClients(config.sites, client) });
  const fixedSites = indexSites(config);
  // With a studio store, its live versions are the forms; the file config's forms seed it once.
  const studio = opts.studio && createStudio(opts.studio, { config, seedForms: seedForms(options.config, config), braze: opts.braze, fetch: opts.fetch, delivery, now: opts.now });
  const sites: SitesSource = studio ? studio.sites : () => fixedSites;
  const analytics = opts.analytics && createAnalytics(opts.analytics, { now: opts.now, adminToken: opts.adminToken });

  const app = new Hono<ProxyEnv>();
  app.onError(errorResponse);
  app.notFound((c) => new HttpError(404, 'not_found', `Nothing at ${c.req.path}.`).toResponse());
  if (studio) {
    // The studio (proxy/studio/): its own sub-apps, with their own errors and session checks.
    app.route('/studio', studio.page);
    // Routes outside the studio (analytics) check its sessions with requireStudioRole (proxy/studio/access.ts).
    app.use('/v1/*', bindStudio(studio.requireRole));
    app.route('/v1/studio', studio.api);
    // Where a page opened with a studio preview link talks: the draft shown, nothing kept (preview-routes.ts).
    app.route('/v1/preview', previewRoutes(studio, opts));
  }
  app.use('/v1/*', siteCors());
  if (analytics) app.use('/v1/sites/:site/forms', async (c, next) => {
    await next();
    // A browser that fetched the manifest vouches for the assignment beacon it sends next.
    if (c.req.method === 'GET' && (c.res.status === 200 || c.res.status === 304)) await analytics.manifestSeen(c.req.param('site'), c.req.raw, c.env.clientIp);
  });
  app.route('/v1/sites', formsRoutes(sites));
  app.route('/v1/submissions', submissionRoutes(opts, delivery, sites, analytics?.accepted));
  if (analytics) {
    app.route('/v1/events', analytics.events(sites));
    app.route('/v1/studio/analytics', analytics.studio(sites));
  }
  app.route('/v1/admin', adminRoutes({ delivery, token: opts.adminToken, config, now: opts.now, erasure: opts.erasure }));
  app.get('/healthz', healthRoute(delivery));
  const assets = opts.assets;
  if (assets) app.get('*', async (c, next) => (await assets(c.req.path, c.req.raw)) ?? next());

  const handle: Handler = async (request, info) => {
    await fixedSites;
    return app.fetch(request, info ?? {});
  };
  if (studio) handle.studio = studio;
  return handle;
}

/** The forms as the file config writes them (before defaults), so the studio's drafts read like the file. */
function seedForms(raw: unknown, config: InletConfig): Record<string, unknown>[] {
  const forms = (raw as { forms?: unknown } | null)?.forms;
  return (Array.isArray(forms) ? forms : config.forms) as Record<string, unknown>[];
}

function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) return error.toResponse();
  // Log the type only: submissions hold PII, and an exception message may quote them.
  console.error('inlet: unexpected error', error instanceof Error ? error.name : typeof error);
  return new HttpError(500, 'internal_error', 'Something failed inside the proxy; the submission was not accepted.').toResponse();
}
