/**
 * Serves a sandbox over `node:http`. Its own small server rather than proxy/adapters/node.ts, because
 * an injected connection reset needs the socket: `Response.error()` becomes `socket.destroy()`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { SandboxOptions } from './options.ts';
import { watchPersistence } from './persist.ts';
import { createSandbox, type Sandbox } from './sandbox.ts';

export interface RunningSandbox {
  url: string;
  port: number;
  sandbox: Sandbox;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
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

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startSandbox(options: Partial<SandboxOptions> & { port?: number; host?: string } = {}): Promise<RunningSandbox> {
  const { port = 0, host = '127.0.0.1', ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);
  const stopPersisting = sandboxOptions.persistPath ? await watchPersistence(sandbox, sandboxOptions.persistPath) : async () => {};
  const server = createServer(async (req, res) => {
    const aborted = new AbortController();
    // The client closing early (its timeout) releases a hung request.
    res.once('close', () => !res.writableFinished && aborted.abort(new Error('client closed the connection')));
    try {
      const response = await sandbox.fetch(toRequest(req, `http://${req.headers.host ?? host}`, aborted.signal));
      if (response.type === 'error') return void req.socket.destroy();
      await send(res, response);
    } catch (error) {
      if (aborted.signal.aborted) return;
      console.error('braze sandbox: unhandled error', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"message":"Internal Server Error"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    sandbox,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await stopPersisting();
    },
  };
}
