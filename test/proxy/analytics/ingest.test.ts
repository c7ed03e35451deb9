/**
 * `POST /v1/events` and the proxy-side sign-up count, on a real SQLite database: what is stored,
 * what is refused and counted, and what the report then says.
 */
import { describe, expect, it } from 'vitest';
import { analyticsPurger } from '../../../proxy/analytics/lifecycle.ts';
import { RETENTION, retentionPolicy, runRetention } from '../../../proxy/lifecycle/retention.ts';
import { analyticsSetup, DAY } from './helpers.ts';

const ev = (name: string, extra: Record<string, unknown> = {}) => ({ name, form: 'welcome', version: 3, variant: 'b', ...extra });

describe('POST /v1/events', () => {
  it('stores valid events, answers 202 with CORS, and the report counts them', async () => {
    const { events, report } = await analyticsSetup();
    // A view is also its first step's view: the widget sends one event, the proxy counts both.
    const response = await events({ site: 'shop', visitor: 'abc123', path: '/shoes?email=a@b.c', events: [ev('assigned'), ev('view'), ev('close')] });
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(await response.json()).toEqual({ accepted: 3, dropped: {} });
    const { body } = await report('site=shop&form=welcome&version=3');
    expect(body.totals).toMatchObject({ assigned: 1, views: 1, stepViews: 1, closes: 1, signups: 0 });
    expect(body.variants.find((v: any) => v.id === 'b')).toMatchObject({ assigned: 1, views: 1 });
    // The query string is never stored: it may carry personal data.
    expect(body.breakdown.path).toEqual([{ key: '/shoes', views: 1, signups: 0 }]);
    expect(body.breakdown.device).toEqual([{ key: 'desktop', views: 1, signups: 0 }]);
  });

  it('refuses unknown names, forms, versions, variants and steps one by one, and counts them', async () => {
    const { events, report } = await analyticsSetup();
    const response = await events({
      site: 'shop',
      visitor: 'abc123',
      events: [ev('view'), ev('signup'), ev('purchase'), ev('view', { form: 'nope' }), ev('view', { version: 4 }), ev('view', { variant: 'z' }), ev('step_view', { step: 9 })],
    });
    expect(await response.json()).toEqual({ accepted: 1, dropped: { unknown_name: 2, unknown_form: 1, unknown_version: 1, unknown_variant: 1, invalid_step: 1 } });
    const { body } = await report('site=shop');
    expect(body.dropped).toEqual({ unknown_name: 2, unknown_form: 1, unknown_version: 1, unknown_variant: 1, invalid_step: 1 });
    expect(body.totals.views).toBe(1);
  });

  it('answers bad bodies with a 4xx naming the fix, never a 5xx', async () => {
    const { events } = await analyticsSetup();
    const notJson = await events('not json');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).message).toMatch(/must be JSON/);
    const shape = await events({ site: 'shop' });
    expect(shape.status).toBe(400);
    expect((await shape.json()).fields.events).toBeDefined();
    expect((await events({ site: 'nope', events: [] })).status).toBe(404);
    expect((await events('x'.repeat(9000))).status).toBe(413);
    expect((await events({ site: 'shop', events: [] }, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('caps events per visitor and per address, counting what it drops', async () => {
    const { events } = await analyticsSetup(undefined, { perVisitorPerMinute: 5, perIpPerMinute: 8 });
    const batch = Array.from({ length: 7 }, () => ev('view'));
    expect(await (await events({ site: 'shop', visitor: 'one111', events: batch })).json()).toEqual({ accepted: 5, dropped: { visitor_cap: 2 } });
    // The address allowance counts every valid event, the capped ones included: 7 used, 1 left.
    expect(await (await events({ site: 'shop', visitor: 'two222', events: batch })).json()).toEqual({ accepted: 1, dropped: { ip_cap: 6 } });
  });

  it('a flood of forged beacons from one visitor cannot move them between arms or count them twice', async () => {
    const { events, report } = await analyticsSetup();
    await events({ site: 'shop', visitor: 'abc123', events: [ev('assigned', { variant: 'a' })] });
    await events({ site: 'shop', visitor: 'abc123', events: Array.from({ length: 20 }, () => ev('assigned', { variant: 'b' })) });
    const { body } = await report('site=shop&form=welcome');
    expect(body.variants.map((v: any) => [v.id, v.assigned])).toEqual([['a', 1], ['b', 0]]);
  });

  it('without a stored id the visitor is a daily-salted hash: first variant, no experiment, no holdout', async () => {
    const { events, report, db } = await analyticsSetup();
    const answer = await (await events({ site: 'shop', events: [ev('assigned', { variant: 'b' }), ev('view', { variant: 'b' }), ev('assigned', { variant: '_holdout' })] })).json();
    expect(answer).toEqual({ accepted: 2, dropped: { holdout_without_consent: 1 } });
    const rows = (await db.prepare('SELECT visitor, variant, consented FROM analytics_assignments').all<any>()).results;
    expect(rows).toEqual([{ visitor: expect.stringMatching(/^h:[0-9a-f]{32}$/), variant: 'a', consented: 0 }]);
    // Never the address or the user agent.
    const stored = JSON.stringify((await db.prepare('SELECT * FROM analytics_events').all()).results);
    expect(stored).not.toContain('203.0.113.9');
    expect(stored).not.toContain('Chrome');
    const { body } = await report('site=shop&form=welcome');
    expect(body.experiment.verdict.status).toBe('waiting');
    expect(body.experiment.verdict.arms).toEqual([]);
    expect(body.totals.assigned).toBe(1);
  });

  it('the hash changes with the day, and salts older than 48 hours are deleted', async () => {
    const { events, db, clock } = await analyticsSetup();
    await events({ site: 'shop', events: [ev('view')] });
    clock.now += DAY;
    await events({ site: 'shop', events: [ev('view')] });
    clock.now += 2 * DAY + 1;
    await events({ site: 'shop', events: [ev('view')] });
    const visitors = new Set((await db.prepare('SELECT visitor FROM analytics_events').all<any>()).results.map((r) => r.visitor));
    expect(visitors.size).toBe(3);
    const salts = (await db.prepare("SELECT name FROM analytics_keys WHERE name LIKE 'salt:%'").all<any>()).results.map((r) => r.name);
    expect(salts).toEqual(['salt:2026-11-05']);
  });

  it('takes the once-per-visit ping from consented visitors and checks its numbers', async () => {
    const { events, db } = await analyticsSetup();
    const answer = await (await events({ site: 'shop', visitor: 'abc123', events: [{ name: 'visit', pages: 4, started: 1 }, { name: 'visit', pages: -1, started: 1 }, { name: 'visit', pages: 2 }] })).json();
    expect(answer).toEqual({ accepted: 1, dropped: { invalid_visit: 2 } });
    expect((await db.prepare('SELECT visitor, pages FROM analytics_visits').all()).results).toEqual([{ visitor: 'v:abc123', pages: 4 }]);
  });

  it('a storage failure loses the events, counts them, and still answers 202', async () => {
    const { events, report } = await analyticsSetup(undefined, { sink: async () => { throw new Error('disk full'); } });
    const response = await events({ site: 'shop', visitor: 'abc123', events: [ev('view'), ev('view')] });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 0, dropped: { storage_error: 2 } });
    expect((await report('site=shop')).body.dropped).toEqual({ storage_error: 2 });
  });
});

describe('retention', () => {
  it('deletes raw events past the analytics_events period and keeps the rollups and per-visitor rows, so the counts stay', async () => {
    const { events, report, db, clock, store } = await analyticsSetup();
    await events({ site: 'shop', visitor: 'old111', events: [ev('assigned'), ev('view')] });
    clock.now += (RETENTION.analytics_events.days + 1) * DAY;
    await events({ site: 'shop', visitor: 'new222', events: [ev('view')] });
    // The sweep every runtime's scheduler runs (a timer on Node, the Cron Trigger on Workers).
    const swept = await runRetention([analyticsPurger(store)], retentionPolicy(), clock.now);
    // The old visitor's assigned, view and the view's step view.
    expect(swept.removed['analytics/analytics_events']).toBe(3);
    const raw = (await db.prepare('SELECT visitor FROM analytics_events').all<any>()).results.map((r) => r.visitor);
    expect(raw).toEqual(['v:new222', 'v:new222']);
    const { body } = await report('site=shop&form=welcome');
    expect(body.totals).toMatchObject({ views: 2, assigned: 1 });
  });
});

describe('sign-ups, counted by the proxy', () => {
  it('counts the first accepted step once per visitor and form version; later steps are step submits', async () => {
    const { submit, report } = await analyticsSetup();
    const first = await submit({ email: 'ada@example.com' }, { visitor: 'abc123', variant: 'b', version: 3, page: 'https://shop.example.com/shoes?x=1' });
    expect(first.status).toBe(202);
    const { continuation } = (await first.json()) as { continuation: string };
    expect((await submit({ first_name: 'Ada' }, { visitor: 'abc123', variant: 'b', version: 3, step: 1, continuation })).status).toBe(202);
    // The same visitor signing up again (another email) is still one sign-up of this version.
    expect((await submit({ email: 'ada2@example.com' }, { visitor: 'abc123', variant: 'b', version: 3 })).status).toBe(202);
    const { body } = await report('site=shop&form=welcome&version=3');
    expect(body.totals).toMatchObject({ signups: 1, stepSubmits: 3, identifiersNew: 1 });
    expect(body.funnel.map((f: any) => [f.step, f.submits])).toEqual([[0, 2], [1, 1]]);
    expect(body.breakdown.path).toEqual([{ key: '/shoes', views: 0, signups: 1 }]);
  });

  it('an identifier Inlet already delivered is not new, even from another visitor', async () => {
    const { submit, report } = await analyticsSetup();
    await submit({ email: 'bo@example.com' }, { visitor: 'aaa111', variant: 'a', version: 3 });
    await submit({ email: 'bo@example.com' }, { visitor: 'bbb222', variant: 'a', version: 3 });
    const { body } = await report('site=shop&form=welcome');
    expect(body.totals).toMatchObject({ signups: 2, identifiersNew: 1 });
  });

  it('counts subscriptions sent per subscription group', async () => {
    const config = {
      sites: { shop: { origins: ['https://shop.example.com'], subscriptionGroups: { email: '11111111-2222-4333-8444-555555555555' } } },
      forms: [{ id: 'welcome', site: 'shop', steps: [{ fields: [{ name: 'email', type: 'email', required: true }, { name: 'email_ok', type: 'consent', channel: 'email', disclosure: { en: 'Email me offers.' }, version: 'e-1' }] }] }],
    };
    const { submit, report } = await analyticsSetup(config);
    const r = await submit({ email: 'cy@example.com', email_ok: true }, { visitor: 'ccc333', consentVersions: { email_ok: 'e-1' } });
    expect(r.status, await r.clone().text()).toBe(202);
    const { body } = await report('site=shop&form=welcome&version=1');
    expect(body.totals.subscriptions).toEqual({ '11111111-2222-4333-8444-555555555555': 1 });
    expect(body.totals.signups).toBe(1);
  });
});

describe('GET /v1/studio/analytics', () => {
  it('needs the admin token and names a bad filter', async () => {
    const { report } = await analyticsSetup();
    expect((await report('site=shop', 'wrong')).status).toBe(401);
    const bad = await report('site=shop&device=fridge');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.device[0].message).toMatch(/mobile, tablet or desktop/);
    expect((await report('form=welcome')).status).toBe(400);
    expect((await report('site=shop&version=0')).status).toBe(400);
  });

  it('filters by variant, device, page path and date range', async () => {
    const { events, report, clock } = await analyticsSetup();
    await events({ site: 'shop', visitor: 'abc123', path: '/a', events: [ev('view', { variant: 'a' })] });
    await events({ site: 'shop', visitor: 'abc124', path: '/b', events: [ev('view')] }, { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Mobile' });
    clock.now += 3 * DAY;
    await events({ site: 'shop', visitor: 'abc125', path: '/b', events: [ev('view')] });
    expect((await report('site=shop&variant=a')).body.totals.views).toBe(1);
    expect((await report('site=shop&device=mobile')).body.totals.views).toBe(1);
    expect((await report('site=shop&path=/b')).body.totals.views).toBe(2);
    expect((await report('site=shop&from=2026-11-05')).body.totals.views).toBe(1);
    expect((await report('site=shop&to=2026-11-02')).body.totals.views).toBe(2);
    expect((await report('site=shop')).body.series.map((d: any) => [d.day, d.views])).toEqual([['2026-11-02', 2], ['2026-11-05', 1]]);
  });
});
