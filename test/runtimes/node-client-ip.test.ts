/**
 * Which client address the per-IP rate limit counts on Node: the socket's, never a header a client
 * sent, unless the deployment names the header its reverse proxy sets and how many proxies append to it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../proxy/handler.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { ORIGIN, signup, signupConfig } from './fixture.ts';

function limitedConfig() {
  const config = signupConfig();
  (config.sites.shop as Record<string, unknown>).rateLimit = { perIpPerMinute: 1 };
  return config;
}

async function post(server: RunningServer, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${server.url}/v1/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: ORIGIN, ...headers },
    body: JSON.stringify(signup('ip').body),
  });
  return response.status;
}

describe('Node adapter: the client address', () => {
  let server: RunningServer | undefined;
  afterEach(() => server?.close());

  it.each(['cf-connecting-ip', 'x-forwarded-for', 'x-real-ip', 'x-inlet-client-ip'])('ignores a client-sent %s header: a second sign-up from one socket is limited', async (header) => {
    // Direct delivery to a Braze that is not there: the first sign-up's status does not matter, the second's limit does.
    server = await serve(createHandler({ config: limitedConfig(), braze: { endpoint: 'http://127.0.0.1:9', apiKey: 'k' } }), { port: 0 });
    await post(server, { [header]: '198.51.100.1' });
    expect(await post(server, { [header]: '198.51.100.2' })).toBe(429);
  });

  it('reads the named header behind a trusted proxy, counting hops from the right', async () => {
    server = await serve(createHandler({ config: limitedConfig(), braze: { endpoint: 'http://127.0.0.1:9', apiKey: 'k' } }), { port: 0, clientIp: { header: 'x-forwarded-for', hops: 1 } });
    // The proxy appends the address it saw; what the client put in front of it is not trusted.
    await post(server, { 'x-forwarded-for': 'spoofed, 203.0.113.5' });
    expect(await post(server, { 'x-forwarded-for': 'other-spoof, 203.0.113.5' })).toBe(429);
    expect(await post(server, { 'x-forwarded-for': 'spoofed, 203.0.113.6' })).not.toBe(429);
  });
});
