/**
 * `GET /healthz` (public) and the admin routes (bearer token, compared in constant time):
 *
 *   GET    /v1/admin/stats                        counters, queue depth, oldest pending age, pauses
 *   GET    /v1/admin/dead-letters[?site=&limit=]  refused objects with Braze's reasons
 *   GET    /v1/admin/dead-letters/:id
 *   POST   /v1/admin/dead-letters/:id/replay      send them again
 *   POST   /v1/admin/dead-letters/replay[?site=]  replay every listed one
 *   DELETE /v1/admin/dead-letters/:id             drop
 *   POST   /v1/admin/forget                       erase one person ({"email"} and/or {"phone"}) from every store
 *
 * The proxy-wide token (INLET_ADMIN_TOKEN) opens everything; a site's own `adminToken` opens that
 * site's dead letters only.
 */
import { Hono } from 'hono/tiny';
import type { Handler as HonoHandler } from 'hono';
import type { InletConfig } from '../config/inlet-config.ts';
import type { Delivery } from '../delivery/types.ts';
import { HttpError } from '../errors.ts';
import { methodNotAllowed } from '../http/cors.ts';
import type { ProxyEnv } from '../http/env.ts';
import { isAdminToken } from '../security/admin-token.ts';
import type { ErasureRegistry } from '../lifecycle/erasure.ts';
import { handleForget } from './forget.ts';

export interface AdminOptions {
  delivery: Delivery;
  /** Proxy-wide admin token; the admin routes answer 404 when neither it nor a site token is set. */
  token?: string;
  config: InletConfig;
  now: () => number;
  /** Every store's erasure target; `/v1/admin/forget` answers 404 without it. */
  erasure?: ErasureRegistry;
}

type Scope = { all: true } | { all: false; site: string };
type AdminEnv = ProxyEnv & { Variables: ProxyEnv['Variables'] & { scope: Scope } };

const ID = ':id{[A-Za-z0-9_.:~-]{1,128}}';

export function adminRoutes(options: AdminOptions) {
  const siteTokens = Object.entries(options.config.sites).flatMap(([id, s]) => (s.adminToken ? [[id, s.adminToken] as const] : []));
  const enabled = Boolean(options.token) || siteTokens.length > 0;
  const letters = () => {
    const store = options.delivery.deadLetters;
    if (!store) throw new HttpError(404, 'not_found', 'This deployment keeps no dead letters: use the Node outbox or bind DEAD_LETTERS.');
    return store;
  };
  /** The site a request may see: its token's site, or the `site` query parameter for the proxy-wide token. */
  const siteOf = (scope: Scope, query: string | undefined) => (scope.all ? query : scope.site);

  const admin = new Hono<AdminEnv>();
  admin.use('*', async (c, next) => {
    if (!enabled) throw new HttpError(404, 'not_found', 'The admin routes are off: set INLET_ADMIN_TOKEN, or an adminToken for a site.');
    const scope = await authorize(c.req.raw, options.token, siteTokens);
    const query = c.req.query('site');
    if (!scope.all && query && query !== scope.site) throw forbidden();
    c.set('scope', scope);
    await next();
  });
  const only = (allow: string): HonoHandler<AdminEnv> => () => {
    throw methodNotAllowed(allow);
  };

  admin.get('/stats', async (c) => {
    if (!c.get('scope').all) throw new HttpError(403, 'forbidden', 'The statistics need the proxy-wide admin token (INLET_ADMIN_TOKEN); a site token opens its dead letters only.');
    if (!options.delivery.stats) throw new HttpError(404, 'not_found', 'This delivery keeps no statistics.');
    return Response.json(await options.delivery.stats(), { headers: { 'cache-control': 'no-store' } });
  });
  admin.all('/stats', only('GET'));
  admin.get('/dead-letters', async (c) => {
    const limit = Math.min(1000, Math.max(1, Number(c.req.query('limit') ?? 100) || 100));
    return Response.json({ deadLetters: await letters().list({ limit, site: siteOf(c.get('scope'), c.req.query('site')) }) });
  });
  admin.all('/dead-letters', only('GET'));
  admin.post('/dead-letters/replay', async (c) => {
    const store = letters();
    const all = await store.list({ limit: 1000, site: siteOf(c.get('scope'), c.req.query('site')) });
    const replayed: string[] = [];
    for (const letter of all) if (await store.replay(letter.id, options.now())) replayed.push(letter.id);
    return Response.json({ replayed });
  });
  admin.all('/dead-letters/replay', only('POST'));
  admin.all(`/dead-letters/${ID}/replay`, async (c) => {
    const id = await existing(c.req.param('id'), siteOf(c.get('scope'), c.req.query('site')));
    if (c.req.method !== 'POST') throw methodNotAllowed('POST');
    await letters().replay(id, options.now());
    return Response.json({ replayed: [id] });
  });
  admin.all(`/dead-letters/${ID}`, async (c) => {
    const id = await existing(c.req.param('id'), siteOf(c.get('scope'), c.req.query('site')));
    if (c.req.method === 'GET') return Response.json(await letters().get(id));
    if (c.req.method !== 'DELETE') throw methodNotAllowed('GET, DELETE');
    await letters().drop(id);
    return Response.json({ dropped: [id] });
  });
  admin.post('/forget', (c) => {
    // Erasure reaches every site's data: the proxy-wide token only.
    if (!c.get('scope').all) throw new HttpError(403, 'forbidden', 'Erasure needs the proxy-wide admin token (INLET_ADMIN_TOKEN).');
    return handleForget(c.req.raw, options.erasure, Object.keys(options.config.sites), options.now());
  });
  admin.all('/forget', only('POST'));
  admin.all('*', (c) => {
    throw new HttpError(404, 'not_found', `No admin route ${c.req.path}.`);
  });

  /** The letter's id when it exists and the token may see it; 404 otherwise, so ids of other sites stay unknown. */
  async function existing(id: string, site: string | undefined): Promise<string> {
    const letter = await letters().get(id);
    if (!letter || (site && letter.site !== site)) throw new HttpError(404, 'not_found', `No dead letter "${id}".`);
    return id;
  }
  return admin;
}

/** `GET /healthz`: a paused delivery is an outage to monitors even though sign-ups are still accepted. */
export function healthRoute(delivery: Delivery): HonoHandler<ProxyEnv> {
  return () => {
    const health = delivery.health?.() ?? { ok: true, paused: [] };
    return Response.json({ ok: health.ok, delivery: health }, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
  };
}

async function authorize(request: Request, token: string | undefined, siteTokens: readonly (readonly [string, string])[]): Promise<Scope> {
  if (await isAdminToken(request, token)) return { all: true };
  for (const [site, siteToken] of siteTokens) if (await isAdminToken(request, siteToken)) return { all: false, site };
  throw new HttpError(401, 'unauthorized', 'Send the admin token as "Authorization: Bearer <token>".', { headers: { 'www-authenticate': 'Bearer' } });
}

const forbidden = () => new HttpError(403, 'forbidden', "This token opens one site's dead letters only.");
