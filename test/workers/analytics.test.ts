/**
 * Analytics inside workerd: beacons answered at once and written to D1 by the Queue consumer,
 * sign-ups counted at acceptance, the report read back from D1 (real Queue, real D1, via SELF).
 */
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, signupConfig } from '../runtimes/fixture.ts';

const BASE = 'https://inlet.example.workers.dev';

function config() {
  const c = signupConfig() as any;
  c.forms[0] = { ...c.forms[0], version: 4, variants: [{ id: 'a' }, { id: 'b' }] };
  return c;
}

const beacon = (body: unknown) => SELF.fetch(`${BASE}/v1/events`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN }, body: JSON.stringify(body) });
const report = async (query: string) => (await (await SELF.fetch(`${BASE}/v1/studio/analytics?${query}`, { headers: { authorization: `Bearer ${env.INLET_ADMIN_TOKEN}` } })).json()) as any;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('analytics on Cloudflare Workers: beacon → Queue → D1, sign-ups at acceptance', () => {
  beforeAll(async () => {
    await env.FORMS.put('config', JSON.stringify(config()));
  });

  it('answers a beacon 202 at once, and the queue consumer writes it to D1 where the report reads it', async () => {
    const visitor = `w${Date.now().toString(36)}`;
    const response = await beacon({ site: 'shop', visitor, path: '/', events: [{ name: 'assigned', form: 'welcome', version: 4, variant: 'b' }, { name: 'view', form: 'welcome', version: 4, variant: 'b' }, { name: 'bogus', form: 'welcome' }] });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 2, dropped: { unknown_name: 1 } });
    const body = await until(() => report('site=shop&form=welcome&version=4'), (r) => r.totals?.views >= 1);
    expect(body.variants.find((v: any) => v.id === 'b')).toMatchObject({ assigned: 1, views: 1 });
    expect(body.dropped.unknown_name).toBeGreaterThanOrEqual(1);
  });

  it('counts a sign-up once per visitor and version when the proxy accepts it', async () => {
    const visitor = `s${Date.now().toString(36)}`;
    const submit = (email: string) =>
      SELF.fetch(`${BASE}/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
        body: JSON.stringify({ id: `wa-${Math.random().toString(36).slice(2, 12)}`, site: 'shop', form: 'welcome', version: 4, variant: 'a', visitor, step: 0, fields: { email, news: true }, consentVersions: { news: 'v1' }, elapsedMs: 5000 }),
      });
    const before = (await report('site=shop&form=welcome&version=4&variant=a')).totals.signups;
    expect((await submit(`${visitor}@example.com`)).status).toBe(202);
    expect((await submit(`${visitor}-2@example.com`)).status).toBe(202);
    const after = await report('site=shop&form=welcome&version=4&variant=a');
    expect(after.totals.signups - before).toBe(1);
    expect(after.totals.stepSubmits).toBeGreaterThanOrEqual(2);
    expect(Object.values(after.totals.subscriptions as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
  });
});
