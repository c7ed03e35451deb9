/**
 * Code pools on the Worker inside workerd: claims in the real D1 (miniflare's SQLite), the same
 * answers as on Node (test/offers/pool-node.test.ts), and the code in the sign-up's own
 * /users/track object once the Queue consumer delivered it to the Braze sandbox.
 */
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { d1Offers } from '../../proxy/adapters/cloudflare/d1-offers.ts';
import { FALLBACK, offersConfig, ORIGIN, poolCodes, signupBody, type OfferAnswer } from '../offers/fixture.ts';

const sandboxUrl = inject('sandboxUrl');
const store = () => d1Offers(env.DB as never);

async function submit(body: unknown): Promise<{ status: number; json: OfferAnswer }> {
  const response = await SELF.fetch('https://inlet.example.workers.dev/v1/submissions', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as OfferAnswer };
}

describe('code pools on Cloudflare Workers (workerd, D1)', () => {
  beforeAll(async () => {
    await env.FORMS.put('config', JSON.stringify(offersConfig()));
    await env.DB.prepare(`DELETE FROM offer_codes`).run();
  });

  it('hands 1,000 parallel sign-ups exactly the pool’s 500 codes, each once, and the fallback to the other 500', async () => {
    const codes = poolCodes(500, 'CF');
    expect(await store().add('shop', 'welcome', codes, Date.now())).toEqual({ added: 500, duplicates: 0 });
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => submit(signupBody(`cf-crowd-${i}@example.com`))));
    expect(answers.map((a) => a.status)).toEqual(Array(1000).fill(202));
    const unique = answers.map((a) => a.json.offer?.code).filter((c) => c !== FALLBACK);
    expect(unique).toHaveLength(500);
    expect(new Set(unique)).toEqual(new Set(codes));
    expect(answers.filter((a) => a.json.offer?.code === FALLBACK)).toHaveLength(500);
    expect(await store().stock('shop')).toEqual([{ pool: 'welcome', total: 500, claimed: 500, left: 0 }]);
  }, 120_000);

  it('gives the same address its code again and another address a new one, and writes it in the sign-up’s own /users/track object', async () => {
    await store().add('shop', 'welcome', ['CF-AGAIN-1', 'CF-AGAIN-2'], Date.now());
    const first = await submit(signupBody('cf-repeat@example.com'));
    const again = await submit(signupBody('CF-Repeat@example.com'));
    const other = await submit(signupBody('cf-other@example.com'));
    expect(first.json.offer?.code).toBe('CF-AGAIN-1');
    expect(again.json.offer?.code).toBe('CF-AGAIN-1');
    expect(other.json.offer?.code).toBe('CF-AGAIN-2');

    const deadline = Date.now() + 60_000;
    let calls: { body?: { attributes?: Record<string, unknown>[] } }[] = [];
    while (Date.now() < deadline) {
      const log = (await (await fetch(`${sandboxUrl}/_sandbox/requests`)).json()) as { requests: { path: string; body?: { attributes?: Record<string, unknown>[] } }[] };
      calls = log.requests.filter((r) => r.path === '/users/track' && r.body?.attributes?.some((a) => a.email === 'cf-other@example.com'));
      if (calls.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body!.attributes!.filter((a) => a.email === 'cf-other@example.com')).toEqual([expect.objectContaining({ first_name: 'Ada', welcome_code: 'CF-AGAIN-2' })]);
  }, 90_000);

  it('gives a honeypot bot the fallback and leaves the pool untouched', async () => {
    await store().add('shop', 'welcome', ['CF-GUARD'], Date.now());
    const bot = await submit(signupBody('cf-bot@example.com', { hp: 'x' }));
    expect(bot.json.offer?.code).toBe(FALLBACK);
    expect((await store().stock('shop'))[0]).toMatchObject({ left: 1 });
  });
});
