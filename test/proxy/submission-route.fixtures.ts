/** A handler wired to an in-process sandbox, with a config the route tests can adjust. */
import { createSandbox, SANDBOX_EMAIL_GROUP, SANDBOX_SMS_GROUP } from '../../demo/sandbox/index.ts';
import { createHandler, type ProxyOptions } from '../../proxy/index.ts';

export const ORIGIN = 'https://shop.example.com';
export const SIGNING_SECRET = 'site-backend-signing-secret';

export function routeConfig(site: Record<string, unknown> = {}, steps?: unknown[]) {
  return {
    sites: { shop: { origins: [ORIGIN], subscriptionGroups: { email: SANDBOX_EMAIL_GROUP, sms: SANDBOX_SMS_GROUP }, identity: { signingSecret: 'env:SIGNING' }, ...site } },
    forms: [
      {
        id: 'welcome',
        site: 'shop',
        steps: steps ?? [
          { fields: [{ name: 'email', type: 'email' }, { name: 'first_name', type: 'text' }] },
          { fields: [{ name: 'phone', type: 'phone', defaultCountry: 'FR' }, { name: 'home_city', type: 'text' }] },
          { success: {} },
        ],
      },
    ],
  };
}

export function routeSetup(config: unknown = routeConfig(), options: Partial<ProxyOptions> = {}) {
  const sandbox = createSandbox({ apiKey: 'k' });
  let clock = Date.UTC(2026, 3, 1, 12, 0, 30);
  const handler = createHandler({
    config,
    env: { SIGNING: SIGNING_SECRET, TURNSTILE: 'turnstile-secret' },
    braze: { endpoint: 'http://braze.sandbox', apiKey: 'k' },
    fetch: (i, init) => sandbox.fetch(new Request(i, init)),
    now: () => clock,
    ...options,
  });
  let n = 0;
  /** `clientIp` is what the runtime adapter would pass: the address the platform saw. */
  async function post(body: Record<string, unknown>, headers: Record<string, string> = {}, clientIp: string | null = '198.51.100.1') {
    n += 1;
    const response = await handler(
      new Request('https://forms.example.com/v1/submissions', {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, ...headers },
        body: JSON.stringify({ id: `route-${String(n).padStart(4, '0')}`, site: 'shop', form: 'welcome', step: 0, elapsedMs: 5000, ...body }),
      }),
      { clientIp: clientIp ?? undefined },
    );
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
  }
  return { sandbox, handler, post, advance: (ms: number) => void (clock += ms) };
}
