/**
 * The Node HTTP server: @hono/node-server bridges `node:http` to the web-standard handler. What only
 * the socket knows travels as `RequestInfo`: the client address is the socket's, or, behind a reverse
 * proxy the deployment names (INLET_CLIENT_IP_HEADER, INLET_TRUSTED_HOPS), the one that proxy recorded.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { RequestInfo } from '../../http/env.ts';
import { SettingsError } from '../../settings.ts';

export type FetchHandler = (request: Request, info?: RequestInfo) => Promise<Response> | Response;

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Behind a reverse proxy: the header it sets and how many proxies append to it. */
  clientIp?: { header: string; hops: number };
  /** The setting that chooses the port, named when the port is taken. */
  portSetting?: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The client as the nearest trusted proxy saw it: `hops` entries from the right of the header's list. */
export function clientAddress(incoming: IncomingMessage, trusted: ServeOptions['clientIp']): string | undefined {
  if (trusted) {
    const raw = incoming.headers[trusted.header];
    const list = (Array.isArray(raw) ? raw.join(',') : raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (list.length) return list[Math.max(0, list.length - trusted.hops)];
  }
  return incoming.socket.remoteAddress;
}

/** Listens on `host:port` (port 0 picks a free one) and resolves once the socket is bound. */
export async function serve(handler: FetchHandler, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const listener = getRequestListener(
    async (request, { incoming, outgoing }) => {
      const response = await handler(request, { clientIp: clientAddress(incoming as IncomingMessage, options.clientIp) });
      // `Response.error()` is a network error in fetch's terms: the client sees the connection reset.
      if (response.type === 'error') return void incoming.socket.destroy();
      // A body the handler did not read (e.g. a 413) cannot be skipped to reach a next request:
      // say the connection closes, and let the rest arrive before closing it, so the answer is not reset away.
      if (!incoming.readableEnded && !outgoing.headersSent) return lingerAfter(response, incoming as IncomingMessage);
      return response;
    },
    { overrideGlobalObjects: false },
  );
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const port = options.port ?? 0;
      if (error.code === 'EADDRINUSE') reject(new SettingsError([`${options.portSetting ?? 'PORT'}: port ${port} on ${host} is already in use (another \`npm start\` or proxy?); stop it, or set ${options.portSetting ?? 'PORT'} to a free port`]));
      else if (error.code === 'EACCES') reject(new SettingsError([`${options.portSetting ?? 'PORT'}: port ${port} needs privileges; set ${options.portSetting ?? 'PORT'} to a port above 1023`]));
      else reject(error);
    });
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
    },
  };
}

/** Most of an unread body the server swallows, and how long it waits for it, before closing anyway. */
const LINGER_BYTES = 8 * 1024 * 1024;
const LINGER_MS = 5_000;

function lingerAfter(response: Response, incoming: IncomingMessage): Response {
  const headers = new Headers(response.headers);
  headers.set('connection', 'close');
  const socket = incoming.socket;
  // Node destroys a `connection: close` socket once the answer is written; bytes still arriving would
  // then make the kernel reset the connection, and the client lose the answer it had not read yet.
  // Instead: finish writing (FIN), keep reading and discarding until the client closes, then destroy.
  socket.destroySoon = function lingeringClose(this: typeof socket) {
    let swallowed = 0;
    const stop = () => {
      clearTimeout(timer);
      socket.destroy();
    };
    const timer = setTimeout(stop, LINGER_MS);
    timer.unref();
    socket.on('data', (chunk: Buffer) => {
      swallowed += chunk.length;
      if (swallowed > LINGER_BYTES) stop();
    });
    socket.once('end', stop);
    socket.end();
    socket.resume();
  };
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
