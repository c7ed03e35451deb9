/**
 * `POST /v1/events`: the widget's beacons (text/plain JSON, so no preflight), shaped
 *
 *   { "site": "shop", "visitor": "k3j…"?, "path": "/shoes"?,
 *     "events": [{ "name": "view", "form": "welcome", "version": 1, "variant": "b"?, "step": 0? }, …] }
 *
 * Events are unauthenticated, so nothing here trusts them: names outside the list, unknown forms,
 * versions or variants are refused one by one; caps per visitor and per address drop floods; every
 * refused event is counted by reason. A malformed body gets a 400 naming the fix; never a 5xx.
 */
import { HttpError } from '../errors.ts';
import { createRateLimiter } from '../security/rate-limit.ts';
import type { SiteEntry } from '../site-index.ts';
import type { AnalyticsStore } from './store.ts';
import { BEACON_EVENTS, HOLDOUT, type EventRow } from './types.ts';
import { createVisitorKeys, deviceClass, pagePath } from './visitor.ts';

export interface IngestOptions {
  store: AnalyticsStore;
  /** Where accepted rows go: the store itself on Node, a Queue in front of D1 on Workers. */
  sink: (rows: EventRow[]) => Promise<void>;
  now: () => number;
  maxBodyBytes: number;
  maxEventsPerBatch: number;
  perVisitorPerMinute: number;
  perIpPerMinute: number;
}

const NAMES = new Set<string>(BEACON_EVENTS);

export function createIngest(options: IngestOptions) {
  const limiter = createRateLimiter();
  const visitorKey = createVisitorKeys(options.store);

  async function readBody(request: Request): Promise<unknown> {
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > options.maxBodyBytes) throw tooLarge(options.maxBodyBytes);
    const text = await request.text().catch(() => '');
    if (text.length > options.maxBodyBytes) throw tooLarge(options.maxBodyBytes);
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(400, 'invalid_events', 'The body must be JSON: { "site": "…", "events": [{ "name": "view", "form": "…" }] }.');
    }
  }

  return async function ingest(request: Request, ip: string | undefined, sites: Map<string, SiteEntry>, checkOrigin: (site: SiteEntry) => void): Promise<Response> {
    const body = (await readBody(request)) as { site?: unknown; visitor?: unknown; path?: unknown; events?: unknown };
    if (!body || typeof body !== 'object' || typeof body.site !== 'string' || !Array.isArray(body.events)) {
      throw new HttpError(400, 'invalid_events', 'Send an object with "site" (a string) and "events" (an array).', { fields: { events: [{ code: 'invalid_envelope', message: 'Expected { "site": "…", "events": [ … ] }.' }] } });
    }
    const site = sites.get(body.site);
    if (!site) throw new HttpError(404, 'unknown_site', `No site "${body.site}" is configured.`);
    checkOrigin(site);
    const now = options.now();
    const dropped: Record<string, number> = {};
    const drop = (reason: string, n = 1) => (dropped[reason] = (dropped[reason] ?? 0) + n);
    const events = body.events.slice(0, options.maxEventsPerBatch);
    if (body.events.length > events.length) drop('batch_too_long', body.events.length - events.length);

    const userAgent = request.headers.get('user-agent') ?? undefined;
    const visitor = await visitorKey(site.id, body.visitor, userAgent, ip, now);
    // For `assigned`: the browser's key for today, to match the manifest request that corroborates it.
    const fetchKey = visitor.consented ? await visitorKey.fetchKey(site.id, userAgent, ip, now) : visitor.key;
    const device = deviceClass(userAgent);
    const path = pagePath(body.path);
    const rows: EventRow[] = [];
    // Rows the proxy adds (a view's step view) are not events the widget sent: not in `accepted`.
    let derived = 0;
    for (const raw of events) {
      const e = (raw ?? {}) as Record<string, unknown>;
      const reason = refuse(e, site);
      if (reason) {
        drop(reason);
        continue;
      }
      // Caps after validation, so junk does not use up a real visitor's allowance.
      if (ip && !limiter.hit(`ip:${site.id}:${ip}`, options.perIpPerMinute, now).allowed) {
        drop('ip_cap');
        continue;
      }
      if (!limiter.hit(`v:${site.id}:${visitor.key}`, options.perVisitorPerMinute, now).allowed) {
        drop('visitor_cap');
        continue;
      }
      const name = e.name as EventRow['name'];
      if (name === 'visit') {
        // Without a stored id a visit cannot be linked to an assignment: it would only be noise.
        if (visitor.consented) rows.push({ ts: now, site: site.id, form: '', version: 0, variant: '', step: 0, name, detail: '', visitor: visitor.key, device, path, consented: 1, pages: e.pages as number, started: e.started as number });
        continue;
      }
      const form = site.forms.get(e.form as string)!;
      // Without storage consent there is no experiment: whatever the beacon says, the visitor saw the first variant.
      const variant = visitor.consented ? ((e.variant as string | undefined) ?? '') : (form.variants?.[0]?.id ?? '');
      if (!visitor.consented && name === 'assigned' && e.variant === HOLDOUT) {
        drop('holdout_without_consent');
        continue;
      }
      const row = {
        ts: now,
        site: site.id,
        form: form.id,
        version: (e.version as number | undefined) ?? 1,
        variant,
        step: (e.step as number | undefined) ?? 0,
        name,
        detail: '',
        visitor: visitor.key,
        device,
        path,
        consented: visitor.consented,
        ...(name === 'assigned' && { fetchKey }),
      };
      rows.push(row);
      // A form's view is also the view of the step it opens on: the widget sends one event for both.
      if (name === 'view') derived = rows.push({ ...row, name: 'step_view' }) && derived + 1;
    }
    // Storage trouble loses analytics, never the page's time or a 5xx: it is counted and answered 202.
    try {
      if (rows.length) await options.sink(rows);
    } catch {
      drop('storage_error', rows.length - derived);
      rows.length = derived = 0;
    }
    if (Object.keys(dropped).length) await options.store.countDropped(dropped, now).catch(() => {});
    return Response.json({ accepted: rows.length - derived, dropped }, { status: 202, headers: { 'cache-control': 'no-store' } });
  };
}

/** Why one event is refused, or undefined when it may be stored. */
function refuse(e: Record<string, unknown>, site: SiteEntry): string | undefined {
  if (typeof e.name !== 'string' || !NAMES.has(e.name)) return 'unknown_name';
  // A visit belongs to the visitor, not to a form: it only carries the ended visit's pages and start.
  if (e.name === 'visit') return Number.isInteger(e.pages) && (e.pages as number) >= 0 && (e.pages as number) < 10000 && Number.isFinite(e.started) ? undefined : 'invalid_visit';
  if (typeof e.form !== 'string') return 'unknown_form';
  const form = site.forms.get(e.form);
  if (!form) return 'unknown_form';
  const published = (form as { version?: number }).version ?? 1;
  if (e.version !== undefined && !(Number.isInteger(e.version) && (e.version as number) >= 1 && (e.version as number) <= published)) return 'unknown_version';
  if (e.variant !== undefined && e.variant !== HOLDOUT && !form.variants?.some((v) => v.id === e.variant)) return 'unknown_variant';
  if (e.variant === HOLDOUT && !((form as { holdout?: number }).holdout! > 0)) return 'unknown_variant';
  if (e.step !== undefined && !(Number.isInteger(e.step) && (e.step as number) >= 0 && (e.step as number) < form.steps.length)) return 'invalid_step';
  return undefined;
}

const tooLarge = (limit: number) => new HttpError(413, 'payload_too_large', `Send at most ${limit} bytes of events per request; split the batch.`);
