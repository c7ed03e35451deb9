/**
 * Node adapter: serves any web-standard fetch handler over `node:http`.
 * The only place in `proxy/` that touches Node built-ins besides the outbox store.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';

export type FetchHandler = (request: Request, env?: unknown, ctx?: ExecutionContextLike) => Promise<Response> | Response;

export interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

export interface ServeOptions {
  port?: number;
  host?: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  // The client's address travels like it does behind an edge: one header the core reads. Always
  // overwritten, so a client cannot choose its own address to dodge the per-IP limit.
  headers.delete('x-inlet-client-ip');
  if (req.socket.remoteAddress) headers.set('x-inlet-client-ip', req.socket.remoteAddress);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    signal,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    // @ts-expect-error `duplex` is required by Node's fetch for streamed bodies but missing from lib.dom
    duplex: 'half',
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
  }
  res.end();
}

/** Listens on `host:port` (port 0 picks a free one) and resolves once the socket is bound. */
export async function serve(handler: FetchHandler, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const pending = new Set<Promise<unknown>>();
  const ctx: ExecutionContextLike = {
    waitUntil(promise) {
      const p = promise.catch(() => {}).finally(() => pending.delete(p));
      pending.add(p);
    },
  };
  const server = createServer(async (req, res) => {
    // The client going away aborts the request's signal, as on the edge runtimes.
    const aborted = new AbortController();
    res.once('close', () => !res.writableFinished && aborted.abort(new Error('client closed the connection')));
    try {
      const origin = `http://${req.headers.host ?? host}`;
      const response = await handler(toRequest(req, origin, aborted.signal), undefined, ctx);
      // `Response.error()` is a network error in fetch's terms: the client sees the connection reset.
      if (response.type === 'error') return void req.socket.destroy();
      await writeResponse(res, response);
    } catch (error) {
      if (aborted.signal.aborted) return;
      console.error('inlet: unhandled error while serving a request', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"internal_error"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${host}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await Promise.allSettled([...pending]);
    },
  };
}
