import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../demo/sandbox/server.ts';
import { api } from './helpers.ts';

const body = { attributes: [{ external_id: 'u1' }] };
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function statuses(seed: number, n: number): Promise<number[]> {
  const { post } = api({ seed, faults: { rates: { 429: 0.1, 500: 0.1, 502: 0.1, 503: 0.1, 504: 0.1 } } });
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await post('/users/track', body)).status);
  return out;
}

describe('fault injection', () => {
  it('replays the same sequence of faults for the same seed', async () => {
    const a = await statuses(42, 40);
    expect(await statuses(42, 40)).toEqual(a);
    expect(new Set(a)).toEqual(new Set([201, 429, 500, 502, 503, 504]));
    expect(await statuses(7, 40)).not.toEqual(a);
  });

  it('restarts the sequence when faults are set again, and after reset()', async () => {
    const { post, sandbox } = api({ seed: 3 });
    const run = async () => {
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await post('/users/track', body)).status);
      return out;
    };
    sandbox.setFaults({ rates: { 503: 0.5 } });
    const first = await run();
    sandbox.setFaults({ rates: { 503: 0.5 } });
    expect(await run()).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(201);
  });

  it('answers an injected fault with a Braze-shaped body, a retry-after on 429, and logs it as injected', async () => {
    const { post, sandbox } = api({ faults: { next: [429, 502] } });
    const limited = await post('/users/track', body);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-retry-after')).toBe('1');
    const bad = await post('/users/track', body);
    expect(await bad.json()).toEqual({ message: 'Bad Gateway' });
    expect((await post('/users/track', body)).status).toBe(201);
    expect(sandbox.requests().map((r) => [r.status, r.fault ?? null])).toEqual([[429, 429], [502, 502], [201, null]]);
    expect(sandbox.users()).toHaveLength(1);
  });

  it('limits faults to the given path prefixes', async () => {
    const { post, get } = api({ faults: { rates: { 500: 1 }, paths: ['/users/'] } });
    expect((await post('/users/track', body)).status).toBe(500);
    expect((await get('/custom_attributes')).status).toBe(200);
  });

  it('adds latency before answering', async () => {
    const { post } = api({ faults: { latencyMs: 120 } });
    const started = performance.now();
    expect((await post('/users/track', body)).status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('models a reset as Response.error() and a hang as a promise released only by abort', async () => {
    const { sandbox } = api({ faults: { next: ['reset', 'hang'] } });
    const request = (signal?: AbortSignal) =>
      new Request('http://x/users/track', { method: 'POST', headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' }, body: '{}', ...(signal ? { signal } : {}) });
    expect((await sandbox.fetch(request())).type).toBe('error');
    const controller = new AbortController();
    const hung = sandbox.fetch(request(controller.signal));
    const settled = await Promise.race([hung.then(() => 'settled', () => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 50))]);
    expect(settled).toBe('pending');
    controller.abort();
    await expect(hung).rejects.toBeDefined();
    expect(sandbox.requests().map((r) => r.outcome)).toEqual(['reset', 'hang']);
  });

  it('over HTTP, a hung connection makes a client with a timeout time out', async () => {
    const server = await startSandbox({ port: 0, faults: { next: ['hang'] } });
    running.push(server);
    const attempt = fetch(`${server.url}/users/track`, { method: 'POST', headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(300) });
    await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' });
    const next = await fetch(`${server.url}/users/track`, { method: 'POST', headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(next.status).toBe(201);
  });

  it('over HTTP, a reset is a real connection reset', async () => {
    const server = await startSandbox({ port: 0, faults: { next: ['reset'] } });
    running.push(server);
    const error = await fetch(`${server.url}/users/track`, { method: 'POST', headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error & { cause?: { code?: string } }).cause?.code)).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
  });

  it('is set over HTTP with POST /_sandbox/faults and validated', async () => {
    const server = await startSandbox({ port: 0 });
    running.push(server);
    const set = await fetch(`${server.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ rates: { 503: 1 }, seed: 9 }) });
    expect(set.status).toBe(200);
    expect((await set.json()).faults).toMatchObject({ rates: { 503: 1 }, seed: 9 });
    const response = await fetch(`${server.url}/users/track`, { method: 'POST', headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(503);
    const invalid = await fetch(`${server.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ rates: { 418: 1 } }) });
    expect(invalid.status).toBe(400);
  });
});
