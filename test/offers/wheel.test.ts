import { describe, expect, it } from 'vitest';
import { createHandler } from '../../proxy/index.ts';
import { openOutboxFile } from '../../proxy/adapters/node/delivery.ts';
import { createSandbox } from '../../demo/sandbox/index.ts';
import { drawSegment, seededRandom, verifyOffer } from '../../proxy/offers/index.ts';
import { post } from '../helpers/proxy.ts';
import { offersConfig, signupBody, type OfferAnswer } from './fixture.ts';

/** Upper 0.1 % point of chi-square: 3 degrees of freedom 16.27, 5 → 20.52. */
const CRITICAL = { 3: 16.27, 5: 20.52 } as Record<number, number>;

function chiSquare(weights: number[], draws: number, random: () => number): { statistic: number; counts: number[] } {
  const counts = weights.map(() => 0);
  for (let i = 0; i < draws; i++) counts[drawSegment(weights, random())]! += 1;
  const total = weights.reduce((a, b) => a + b, 0);
  const statistic = counts.reduce((sum, observed, i) => sum + (observed - (draws * weights[i]!) / total) ** 2 / ((draws * weights[i]!) / total), 0);
  return { statistic, counts };
}

describe('the wheel draw', () => {
  it('matches the configured weights over 10,000 seeded draws (chi-square, p > 0.001)', () => {
    for (const [weights, seed] of [[[50, 30, 15, 5], 42], [[1, 1, 1, 1, 1, 94], 7]] as const) {
      const { statistic, counts } = chiSquare([...weights], 10_000, seededRandom(seed));
      expect(statistic, `counts ${counts.join('/')} for weights ${weights.join('/')}`).toBeLessThan(CRITICAL[weights.length - 1]!);
    }
  });

  it('would catch a draw that ignores the weights', () => {
    // The same test against a uniform draw fails: the statistic is far past the critical value.
    const random = seededRandom(42);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 10_000; i++) counts[Math.floor(random() * 4)]! += 1;
    const expected = [5000, 3000, 1500, 500];
    const statistic = counts.reduce((s, o, i) => s + (o - expected[i]!) ** 2 / expected[i]!, 0);
    expect(statistic).toBeGreaterThan(CRITICAL[3]!);
  });

  it('draws on the proxy after the sign-up is accepted, binds the prize to the address, and signs it', async () => {
    const file = openOutboxFile(':memory:');
    await file.offers.add('shop', 'welcome', ['W-1', 'W-2', 'W-3'], 1);
    await file.offers.add('shop', 'big', ['B-1'], 1);
    const sandbox = createSandbox({ apiKey: 'k' });
    const secret = 'wheel-test-secret';
    // A fixed sequence of draws: 0.1 → segment 0 (10 %); the repeat draws 0.6 (segment 1) but keeps
    // its recorded prize; 0.9 → segment 2 (25 %), 0.99 → segment 3 (50 %).
    const sequence = [0.1, 0.6, 0.9, 0.99];
    const handler = createHandler({ config: offersConfig(), braze: { endpoint: 'http://braze.sandbox', apiKey: 'k' }, fetch: (i, init) => sandbox.fetch(new Request(i, init)), offers: file.offers, secret, random: () => sequence.shift() ?? 0.5 });
    const spin = async (email: string) => ((await (await handler(post(signupBody(email, { form: 'wheel', fields: { email } })))).json()) as OfferAnswer);

    const ana = await spin('ana@example.com');
    expect(ana.offer).toMatchObject({ segment: 0, code: 'W-1' });
    const anaAgain = await spin('ANA@example.com');
    expect(anaAgain.offer).toMatchObject({ segment: 0, code: 'W-1' });
    const bo = await spin('bo@example.com');
    expect(bo.offer).toMatchObject({ segment: 2, code: 'B-1' });
    // The big pool is now empty: the next 25 %/50 % winner gets that pool's fallback message.
    const cy = await spin('cy@example.com');
    expect(cy.offer).toEqual({ segment: 3, message: { en: 'All the big prizes are gone: enjoy free shipping instead.' }, signature: expect.any(String) });
    expect(await verifyOffer(secret, { site: 'shop', form: 'wheel', id: ana.id, code: 'W-1', segment: 0 }, ana.offer!.signature)).toBe(true);
    expect(await verifyOffer(secret, { site: 'shop', form: 'wheel', id: ana.id, code: 'W-2', segment: 0 }, ana.offer!.signature)).toBe(false);
    expect(await file.offers.prizes('shop')).toEqual([
      { form: 'wheel', segment: 0, count: 1 },
      { form: 'wheel', segment: 2, count: 1 },
      { form: 'wheel', segment: 3, count: 1 },
    ]);
    file.db.close();
  });

  it('refuses a wheel whose every spin must win but has an empty segment, naming the fix', () => {
    const config = offersConfig();
    (config.forms[1]!.offer as { wheel: { segments: unknown[] } }).wheel.segments.push({ label: 'Try again', weight: 10 });
    expect(() => createHandler({ config, braze: { endpoint: 'http://x', apiKey: 'k' } })).toThrow(/forms\[wheel\]\.offer\.wheel\.segments\[4\]: every spin wins on this wheel, so each segment needs a "pool" or a "code"/);
  });

  it('refuses a pool whose attribute is not declared as a string', () => {
    const config = offersConfig();
    (config.sites.shop.offers.pools.welcome as { attribute: string }).attribute = 'undeclared_code';
    expect(() => createHandler({ config, braze: { endpoint: 'http://x', apiKey: 'k' } })).toThrow(/sites\.shop\.offers\.pools\.welcome\.attribute: attribute "undeclared_code" is not declared in sites\.shop\.attributes/);
  });
});
