/** A page whose origin a site does not allow: refused with the fix named, and logged once by the proxy. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routeSetup } from './submission-route.fixtures.ts';

describe('a refused origin', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is answered 403 naming sites.<id>.origins, and logged once per site and origin, as JSON', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { handler } = routeSetup();
    const ask = () => handler(new Request('https://forms.example.com/v1/sites/shop/forms', { headers: { origin: 'https://stranger-16.example.net' } }));
    const first = await ask();
    expect(first.status).toBe(403);
    expect(await first.json()).toMatchObject({ error: 'origin_not_allowed', message: expect.stringContaining('sites.shop.origins') });
    await ask();
    await ask();
    const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('stranger-16'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ inlet: 'origin_not_allowed', site: 'shop', origin: 'https://stranger-16.example.net', fix: 'add "https://stranger-16.example.net" to sites.shop.origins in the Inlet config' });
  });
});
