/**
 * Analytics and experiments as one self-contained module, mounted by `createHandler` as route groups:
 *
 *   POST /v1/events             widget beacons (ingest.ts)
 *   GET  /v1/studio/analytics   the report as JSON (report.ts), behind `authorizeStudio`
 *
 * plus `accepted()`, the one call the submission route makes when it accepts a step (sign-ups are
 * counted here, by the proxy, never from a beacon), and `manifestSeen()`, which notes that a browser
 * fetched a site's forms so an assignment from it can be corroborated. Reads no environment: options
 * with defaults (the settings reader fills them in, proxy/settings.ts).
 */
import { Hono } from 'hono/tiny';
import { HttpError } from '../errors.ts';
import { checkOrigin, methodNotAllowed } from '../http/cors.ts';
import type { ProxyEnv } from '../http/env.ts';
import { isAdminToken } from '../security/admin-token.ts';
import type { SiteEntry } from '../site-index.ts';
import { createIngest } from './ingest.ts';
import { buildReport } from './report.ts';
import type { AnalyticsStore } from './store.ts';
import type { AnalyticsFilter, DeviceClass, EventRow } from './types.ts';
import { createVisitorKeys, deviceClass, pagePath } from './visitor.ts';

export interface AnalyticsOptions {
  store: AnalyticsStore;
  /** Where beacon rows go; `store.append` when omitted (Workers put a Queue in front of D1 here). */
  sink?: (rows: EventRow[]) => Promise<void>;
  maxBodyBytes?: number;
  maxEventsPerBatch?: number;
  perVisitorPerMinute?: number;
  perIpPerMinute?: number;
  /** Window of the influenced metrics, in days. */
  influenceWindowDays?: number;
}

export const ANALYTICS_DEFAULTS = {
  maxBodyBytes: 8 * 1024,
  maxEventsPerBatch: 30,
  perVisitorPerMinute: 120,
  perIpPerMinute: 600,
  influenceWindowDays: 30,
} as const;

export interface HostContext {
  now: () => number;
  /** The proxy-wide admin token; the studio's session check replaces `authorizeStudio` when it lands. */
  adminToken?: string;
}

/** What the submission route knows about an accepted step. */
export interface AcceptedStep {
  site: string;
  form: string;
  version?: number;
  variant?: string;
  step: number;
  /** The widget's stored random id, when storage is allowed. */
  visitor?: string;
  page?: string;
  /** `email:…`, `phone:…`, `external_id:…`. */
  identity: string;
  subscriptions: string[];
  userAgent?: string;
  clientIp?: string;
}

export interface Analytics {
  /** `POST /v1/events`, mounted at that path. */
  events(sites: () => Promise<Map<string, SiteEntry>>): Hono<ProxyEnv>;
  /** `GET /v1/studio/analytics`, mounted at that path. */
  studio(sites: () => Promise<Map<string, SiteEntry>>): Hono<ProxyEnv>;
  /** Counts an accepted step; never throws, so analytics can never fail a sign-up. */
  accepted(step: AcceptedStep): Promise<void>;
  /** A browser fetched `site`'s manifest: what corroborates its assignments. Never throws. */
  manifestSeen(site: string, request: Request, clientIp: string | undefined): Promise<void>;
}

/**
 * Who may read a site's analytics. One function on purpose: the studio's sessions replace its body
 * with `requireStudioRole(request, site, 'viewer')`; until then the proxy-wide admin token opens it.
 */
export async function authorizeStudio(request: Request, site: string, host: HostContext): Promise<void> {
  void site;
  if (!host.adminToken) throw new HttpError(404, 'not_found', 'The studio analytics are off: set INLET_ADMIN_TOKEN (docs/settings.md).');
  if (!(await isAdminToken(request, host.adminToken))) throw new HttpError(401, 'unauthorized', 'Send the admin token as "Authorization: Bearer <token>".', { headers: { 'www-authenticate': 'Bearer' } });
}

const DAY = 864e5;

export function createAnalytics(options: AnalyticsOptions, host: HostContext): Analytics {
  const o = { ...ANALYTICS_DEFAULTS, ...options };
  const store = o.store;
  const sink = o.sink ?? ((rows: EventRow[]) => store.append(rows));
  const ingest = createIngest({ ...o, sink, now: host.now });
  const visitorKey = createVisitorKeys(store);
  let identifierKey: Promise<string> | undefined;

  async function report(request: Request, url: URL, sites: Map<string, SiteEntry>): Promise<Response> {
    const filter = readFilter(url);
    await authorizeStudio(request, filter.site, host);
    const site = sites.get(filter.site);
    if (!site) throw new HttpError(404, 'unknown_site', `No site "${filter.site}" is configured.`);
    const form = filter.form ? site.forms.get(filter.form) : undefined;
    if (filter.form && !form) throw new HttpError(404, 'unknown_form', `Site "${site.id}" has no published form "${filter.form}".`);
    const lift = url.searchParams.has('lift') ? Number(url.searchParams.get('lift')) : undefined;
    if (lift !== undefined && !(lift > -1 && lift !== 0 && lift < 10)) throw invalidFilter('lift', 'a relative lift such as 0.2 for +20 %');
    const body = await buildReport(store, filter, { form, lift, influenceWindowDays: o.influenceWindowDays, now: host.now() });
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  }

  return {
    events: (sitesReady) =>
      new Hono<ProxyEnv>()
        .options('/', async (c) => {
          // The site is in the body, which a preflight lacks: any configured site's origin may ask.
          const origin = c.req.header('origin');
          if (origin && [...(await sitesReady()).values()].some((s) => s.isAllowedOrigin(origin))) c.set('anySite', true);
          return new Response(null, { status: 204 });
        })
        .post('/', async (c) =>
          ingest(c.req.raw, c.env.clientIp, await sitesReady(), (site) => {
            c.set('site', site);
            checkOrigin(site, c.req.header('origin'));
          }),
        )
        .all('/', () => {
          throw methodNotAllowed('POST');
        }),
    studio: (sitesReady) =>
      new Hono<ProxyEnv>()
        .get('/', async (c) => report(c.req.raw, new URL(c.req.url), await sitesReady()))
        .all('/', () => {
          throw methodNotAllowed('GET');
        }),
    async accepted(step) {
      try {
        const now = host.now();
        const visitor = await visitorKey(step.site, step.visitor, step.userAgent, step.clientIp, now);
        identifierKey ??= store.key('identifiers', now);
        await store.accepted({
          ts: now,
          site: step.site,
          form: step.form,
          version: step.version ?? 1,
          variant: step.variant ?? '',
          step: step.step,
          visitor: visitor.key,
          device: deviceClass(step.userAgent),
          path: pagePath(step.page ? safePath(step.page) : undefined),
          identifierHash: await identifierHash(await identifierKey, step.site, step.identity),
          subscriptions: step.subscriptions,
        });
      } catch (error) {
        console.error('inlet: analytics could not count a sign-up', error instanceof Error ? error.name : typeof error);
      }
    },
    async manifestSeen(site, request, clientIp) {
      try {
        await store.fetched(site, await visitorKey.fetchKey(site, request.headers.get('user-agent') ?? undefined, clientIp, host.now()), host.now());
      } catch {
        // Lost corroboration only weakens the experiment's denominators, never the manifest answer.
      }
    },
  };
}

/** The keyed hash that tells an identifier new to Inlet; erased with the person (erasure.ts). */
export async function identifierHash(key: string, site: string, identity: string): Promise<string> {
  const hmac = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(`${site}\n${identity.toLowerCase()}`));
  return [...new Uint8Array(mac, 0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const safePath = (page: string) => {
  try {
    return new URL(page, 'http://x').pathname;
  } catch {
    return '/';
  }
};

const invalidFilter = (field: string, expected: string) => new HttpError(400, 'invalid_filter', `"${field}" must be ${expected}.`, { fields: { [field]: [{ code: 'invalid_type', message: `Expected ${expected}.` }] } });

const DEVICES = new Set(['mobile', 'tablet', 'desktop']);

export function readFilter(url: URL): AnalyticsFilter {
  const q = url.searchParams;
  const site = q.get('site');
  if (!site) throw invalidFilter('site', 'the site id (?site=shop)');
  const filter: AnalyticsFilter = { site };
  const form = q.get('form');
  if (form) filter.form = form;
  const int = (name: 'version' | 'step', min: number) => {
    const raw = q.get(name);
    if (raw === null) return;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw invalidFilter(name, `an integer ≥ ${min}`);
    filter[name] = n;
  };
  int('version', 1);
  int('step', 0);
  const variant = q.get('variant');
  if (variant !== null) filter.variant = variant;
  for (const name of ['from', 'to'] as const) {
    const raw = q.get(name);
    if (raw === null) continue;
    const t = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(raw + 'T00:00:00Z') + (name === 'to' ? DAY : 0) : Date.parse(raw);
    if (!Number.isFinite(t)) throw invalidFilter(name, 'a date (2026-11-29) or an ISO time');
    filter[name] = t;
  }
  const device = q.get('device');
  if (device !== null) {
    if (!DEVICES.has(device)) throw invalidFilter('device', 'mobile, tablet or desktop');
    filter.device = device as DeviceClass;
  }
  const path = q.get('path');
  if (path !== null) filter.path = pagePath(path);
  return filter;
}

export { createSqlAnalyticsStore, type AnalyticsStore } from './store.ts';
export { analyticsMigrations } from './migrations.ts';
export type { SqlDatabase } from './sql.ts';
