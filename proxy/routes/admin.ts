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
 * The proxy-wide token (`adminToken`) opens everything; a site's own `adminToken` opens that
 * site's dead letters only.
 */
import type { Delivery } from '../delivery/types.ts';
import { HttpError } from '../errors.ts';
import { isAdminToken } from '../security/admin-token.ts';
import type { ErasureRegistry } from '../lifecycle/erasure.ts';
import { handleForget } from './forget.ts';

export interface AdminOptions {
  delivery: Delivery;
  /** Proxy-wide admin token; the admin routes answer 404 when neither it nor a site token is set. */
  token?: string;
  siteTokens: ReadonlyMap<string, string>;
  now: () => number;
  /** Every store's erasure target; `/v1/admin/forget` answers 404 without it. */
  erasure?: ErasureRegistry;
  /** The configured sites, whose keyed hashes erasure looks for. */
  sites?: readonly string[];
}

type Scope = { all: true } | { all: false; site: string };

const LETTER_ROUTE = /^\/v1\/admin\/dead-letters\/([A-Za-z0-9_.:~-]{1,128})(\/replay)?$/;

export function createAdminRoutes(options: AdminOptions) {
  const enabled = Boolean(options.token) || options.siteTokens.size > 0;

  async function authorize(request: Request): Promise<Scope> {
    if (await isAdminToken(request, options.token)) return { all: true };
    for (const [site, token] of options.siteTokens) if (await isAdminToken(request, token)) return { all: false, site };
    throw new HttpError(401, 'unauthorized', 'Send the admin token as "Authorization: Bearer <token>".', { headers: { 'www-authenticate': 'Bearer' } });
  }

  function letters() {
    const store = options.delivery.deadLetters;
    if (!store) throw new HttpError(404, 'not_found', 'This deployment keeps no dead letters: use the Node outbox or bind DEAD_LETTERS.');
    return store;
  }

  async function health(): Promise<Response> {
    const health = options.delivery.health?.() ?? { ok: true, paused: [] };
    // A paused delivery is an outage to monitors even though sign-ups are still accepted.
    return Response.json({ ok: health.ok, delivery: health }, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
  }

  return async function handleAdmin(request: Request, url: URL): Promise<Response> {
    if (url.pathname === '/healthz') return health();
    if (!enabled) throw new HttpError(404, 'not_found', 'The admin routes are off: set an admin token (INLET_ADMIN_TOKEN on Node, ADMIN_TOKEN on Workers).');
    const scope = await authorize(request);
    const siteParam = url.searchParams.get('site') ?? undefined;
    const site = scope.all ? siteParam : scope.site;
    if (!scope.all && siteParam && siteParam !== scope.site) throw forbidden();
    const method = request.method;

    if (url.pathname === '/v1/admin/stats') {
      if (method !== 'GET') throw notAllowed('GET');
      if (!scope.all) throw forbidden();
      if (!options.delivery.stats) throw new HttpError(404, 'not_found', 'This delivery keeps no statistics.');
      return Response.json(await options.delivery.stats(), { headers: { 'cache-control': 'no-store' } });
    }
    if (url.pathname === '/v1/admin/dead-letters') {
      if (method !== 'GET') throw notAllowed('GET');
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
      return Response.json({ deadLetters: await letters().list({ limit, site }) });
    }
    if (url.pathname === '/v1/admin/dead-letters/replay') {
      if (method !== 'POST') throw notAllowed('POST');
      const store = letters();
      const all = await store.list({ limit: 1000, site });
      const replayed: string[] = [];
      for (const letter of all) if (await store.replay(letter.id, options.now())) replayed.push(letter.id);
      return Response.json({ replayed });
    }
    if (url.pathname === '/v1/admin/forget') {
      if (method !== 'POST') throw notAllowed('POST');
      // Erasure reaches every site's data: the proxy-wide token only.
      if (!scope.all) throw new HttpError(403, 'unauthorized', 'Erasure needs the proxy-wide admin token.');
      return handleForget(request, options.erasure, options.sites ?? [], options.now());
    }
    const match = LETTER_ROUTE.exec(url.pathname);
    if (match) {
      const id = match[1]!;
      const store = letters();
      const letter = await store.get(id);
      if (!letter || (site && letter.site !== site)) throw new HttpError(404, 'not_found', `No dead letter "${id}".`);
      if (match[2]) {
        if (method !== 'POST') throw notAllowed('POST');
        await store.replay(id, options.now());
        return Response.json({ replayed: [id] });
      }
      if (method === 'GET') return Response.json(letter);
      if (method === 'DELETE') {
        await store.drop(id);
        return Response.json({ dropped: [id] });
      }
      throw notAllowed('GET, DELETE');
    }
    throw new HttpError(404, 'not_found', `No admin route ${url.pathname}.`);
  };
}

const forbidden = () => new HttpError(403, 'unauthorized', "This token opens one site's dead letters only.");
const notAllowed = (allow: string) => new HttpError(405, 'method_not_allowed', `Use ${allow}.`, { headers: { allow } });
