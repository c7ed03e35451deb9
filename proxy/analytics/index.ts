/**
 * Analytics and experiments as one self-contained module, mounted by `createHandler` with one hook:
 *
 *   POST /v1/events             widget beacons (ingest.ts)
 *   GET  /v1/studio/analytics   the report as JSON (report.ts), behind `authorizeStudio`
 *
 * and `accepted()`, the one call the submission route makes when it accepts a step (sign-ups are
 * counted here, by the proxy, never from a beacon). Reads no environment: options with defaults.
 */
import { HttpError } from '../errors.ts';
import { isAdminToken } from '../security/admin-token.ts';
import { clientIp } from '../security/client.ts';
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
  /** Raw events and visits older than this are deleted (rollups and per-visitor rows stay); 0 keeps them. */
  retentionDays?: number;
}

export const ANALYTICS_DEFAULTS = {
  maxBodyBytes: 8 * 1024,
  maxEventsPerBatch: 30,
  perVisitorPerMinute: 120,
  perIpPerMinute: 600,
  influenceWindowDays: 30,
  retentionDays: 395,
} as const;

export interface HostContext {
  now: () => number;
  trustProxy: boolean;
  /** The proxy-wide admin token; the studio's session check replaces `authorizeStudio` when it lands. */
  adminToken?: string;
}

/** What the submission route knows about an accepted step. */
export interface AcceptedStep {
  request: Request;
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
}

export interface Analytics {
  handles(pathname: string): boolean;
  handle(request: Request, url: URL, sites: Map<string, SiteEntry>, checkOrigin: (site: SiteEntry) => void): Promise<Response>;
  /** Counts an accepted step; never throws, so analytics can never fail a sign-up. */
  accepted(step: AcceptedStep): Promise<void>;
}

const DAY = 864e5;

/** Guards the read side: the admin token for now, one function for the studio's sessions to replace. */
export async function authorizeStudio(request: Request, host: HostContext): Promise<void> {
  if (!host.adminToken) throw new HttpError(404, 'not_found', 'The studio analytics are off: set an admin token (INLET_ADMIN_TOKEN on Node, ADMIN_TOKEN on Workers).');
  if (!(await isAdminToken(request, host.adminToken))) throw new HttpError(401, 'unauthorized', 'Send the admin token as "Authorization: Bearer <token>".', { headers: { 'www-authenticate': 'Bearer' } });
}

export function createAnalytics(options: AnalyticsOptions, host: HostContext): Analytics {
  const o = { ...ANALYTICS_DEFAULTS, ...options };
  const store = o.store;
  const ingest = createIngest({ ...o, sink: o.sink ?? ((rows) => store.append(rows)), now: host.now, trustProxy: host.trustProxy });
  const visitorKey = createVisitorKeys(store);
  let identifierKey: Promise<string> | undefined;
  let lastPrune = 0;

  async function identifierHash(site: string, identity: string, now: number): Promise<string> {
    identifierKey ??= store.key('identifiers', now);
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(await identifierKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${site}\n${identity.toLowerCase()}`));
    return [...new Uint8Array(mac, 0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  function maybePrune(now: number) {
    if (!o.retentionDays || now - lastPrune < DAY) return;
    lastPrune = now;
    store.prune(now - o.retentionDays * DAY).catch(() => {});
  }

  async function report(request: Request, url: URL, sites: Map<string, SiteEntry>): Promise<Response> {
    if (request.method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Use GET.', { headers: { allow: 'GET' } });
    await authorizeStudio(request, host);
    const filter = readFilter(url);
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
    handles: (pathname) => pathname === '/v1/events' || pathname === '/v1/studio/analytics',
    async handle(request, url, sites, checkOrigin) {
      if (url.pathname === '/v1/studio/analytics') return report(request, url, sites);
      if (request.method === 'OPTIONS') return new Response(null, { status: 204 });
      if (request.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST.', { headers: { allow: 'POST' } });
      const now = host.now();
      maybePrune(now);
      return ingest(request, sites, checkOrigin);
    },
    async accepted(step) {
      try {
        const now = host.now();
        const ip = clientIp(step.request, host.trustProxy);
        const visitor = await visitorKey(step.site, step.visitor, step.request, ip, now);
        await store.accepted({
          ts: now,
          site: step.site,
          form: step.form,
          version: step.version ?? 1,
          variant: step.variant ?? '',
          step: step.step,
          visitor: visitor.key,
          device: deviceClass(step.request) as DeviceClass,
          path: pagePath(step.page ? safePath(step.page) : undefined),
          identifierHash: await identifierHash(step.site, step.identity, now),
          subscriptions: step.subscriptions,
        });
      } catch (error) {
        console.error('inlet: analytics could not count a sign-up', error instanceof Error ? error.name : typeof error);
      }
    },
  };
}

const safePath = (page: string) => {
  try {
    return new URL(page, 'http://x').pathname;
  } catch {
    return '/';
  }
};

const invalidFilter = (field: string, expected: string) => new HttpError(400, 'invalid_filter', `"${field}" must be ${expected}.`, { fields: { [field]: [{ code: 'invalid_filter', message: `Expected ${expected}.` }] } });

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
export type { SqlDatabase } from './sql.ts';
