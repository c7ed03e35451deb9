/** A proxy with analytics on a real in-memory SQLite database, Braze the in-process sandbox, and a clock the test moves. */
import { createSqlAnalyticsStore, type AnalyticsStore } from '../../../proxy/analytics/index.ts';
import { openAnalyticsDatabase } from '../../../proxy/adapters/node/analytics-sqlite.ts';
import { createHandler } from '../../../proxy/index.ts';
import { createSandbox } from '../../../demo/sandbox/index.ts';
import { API_KEY, ORIGIN } from '../../helpers/proxy.ts';

export const ADMIN = 'analytics-admin-token';
export const DAY = 864e5;

export function experimentConfig(form: Record<string, unknown> = {}) {
  return {
    sites: { shop: { origins: [ORIGIN] } },
    forms: [
      {
        id: 'welcome',
        site: 'shop',
        version: 3,
        holdout: 0.1,
        steps: [{ fields: [{ name: 'email', type: 'email', required: true }] }, { fields: [{ name: 'first_name', type: 'text', attribute: 'first_name' }] }, { success: { coupon: 'WELCOME10' } }],
        variants: [{ id: 'a' }, { id: 'b', layout: 'slide-in' }],
        ...form,
      },
    ],
  };
}

const UA = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140';

/**
 * The platform's client address travels beside the request (`RequestInfo`), as the runtime adapters
 * pass it; these tests name it in an `x-test-ip` header that never reaches the handler.
 */
function call(handler: (request: Request, info?: { clientIp?: string }) => Promise<Response>, url: string, init: RequestInit & { headers: Record<string, string> }) {
  const { 'x-test-ip': ip = '203.0.113.9', ...headers } = init.headers;
  return handler(new Request(url, { ...init, headers }), { clientIp: ip });
}

export async function analyticsSetup(config: unknown = experimentConfig(), options: { sink?: (rows: never[]) => Promise<void>; perVisitorPerMinute?: number; perIpPerMinute?: number } = {}) {
  const clock = { now: Date.parse('2026-11-02T10:00:00Z') };
  const db = openAnalyticsDatabase(':memory:');
  const store: AnalyticsStore = await createSqlAnalyticsStore(db);
  const sandbox = createSandbox({ apiKey: API_KEY });
  const handler = createHandler({
    config,
    braze: { endpoint: 'http://braze.sandbox', apiKey: API_KEY },
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    now: () => clock.now,
    adminToken: ADMIN,
    analytics: { store, ...(options as object) },
  });
  const events = (body: unknown, headers: Record<string, string> = {}) =>
    call(handler, 'https://forms.example.com/v1/events', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': UA, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  /** The loader's manifest request: what corroborates the assignment beacon the same browser sends next. */
  const manifest = (headers: Record<string, string> = {}) => call(handler, 'https://forms.example.com/v1/sites/shop/forms', { method: 'GET', headers: { origin: ORIGIN, 'user-agent': UA, ...headers } });
  let n = 0;
  const submit = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    call(handler, 'https://forms.example.com/v1/submissions', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': UA, ...headers }, body: JSON.stringify({ id: `sub-${Date.now().toString(36)}-${++n}`, site: 'shop', form: 'welcome', step: 0, fields, elapsedMs: 5000, ...extra }) });
  const report = async (query: string, token = ADMIN) => {
    const response = await handler(new Request(`https://forms.example.com/v1/studio/analytics?${query}`, { headers: { authorization: `Bearer ${token}` } }));
    return { status: response.status, body: (await response.json()) as any };
  };
  return { handler, store, db, clock, events, manifest, submit, report, sandbox };
}
