/**
 * An oversized body on the Node adapter, over real sockets: every upload gets a complete `413` and
 * then a cleanly closed connection (FIN, not a reset), whether the size is declared or streamed.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../proxy/handler.ts';
import { serve, type RunningServer } from '../../proxy/adapters/node/server.ts';
import { ORIGIN, signupConfig } from './fixture.ts';

interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** How the connection ended after the answer: `end` (FIN) or the socket error's code. */
  ending: string;
}

/** Sends one request of `size` bytes on a fresh socket and reads until the server closes it. */
function upload(port: number, size: number, chunked: boolean): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    let settled = false;
    const finish = (ending: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const split = raw.indexOf('\r\n\r\n');
      if (split < 0) return resolve({ status: 0, headers: {}, body: '', ending });
      const [statusLine, ...lines] = raw.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: raw.slice(split + 4), ending });
    };
    const timer = setTimeout(() => (socket.destroy(), reject(new Error('no answer within 10 s'))), 10_000);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (raw += chunk));
    socket.on('end', () => finish('end'));
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? 'error'));
    socket.on('close', () => finish('close'));
    const head = [`POST /v1/submissions HTTP/1.1`, `host: 127.0.0.1:${port}`, `origin: ${ORIGIN}`, 'content-type: text/plain', chunked ? 'transfer-encoding: chunked' : `content-length: ${size}`, 'connection: keep-alive'];
    socket.write(head.join('\r\n') + '\r\n\r\n');
    const piece = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < size && !socket.destroyed) {
        const n = Math.min(piece.length, size - sent);
        sent += n;
        const data = chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece.subarray(0, n), Buffer.from('\r\n')]) : piece.subarray(0, n);
        if (!socket.write(data)) return void socket.once('drain', pump);
      }
      if (chunked && !socket.destroyed) socket.write('0\r\n\r\n');
    };
    pump();
  });
}

describe('Node adapter: oversized bodies over real sockets', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(createHandler({ config: signupConfig(), braze: { endpoint: 'http://127.0.0.1:9', apiKey: 'unused' } }), { port: 0 });
  });
  afterAll(() => server?.close());

  it.each([
    ['declared with content-length', false],
    ['streamed in chunks', true],
  ])('answers every one of 40 large uploads (%s) with a complete 413, then closes cleanly', async (_, chunked) => {
    const sizes = Array.from({ length: 40 }, (_, i) => 64 * 1024 + i * 37 * 1024);
    const results: Exchange[] = [];
    // Eight at a time: concurrency, without queueing sockets in the kernel's backlog.
    for (let i = 0; i < sizes.length; i += 8) results.push(...(await Promise.all(sizes.slice(i, i + 8).map((size) => upload(server.port, size, chunked)))));
    const summary = results.map((r) => `${r.status} ${r.headers.connection ?? '-'} ${r.ending}`);
    expect(summary).toEqual(sizes.map(() => '413 close end'));
    for (const r of results) {
      expect(Buffer.byteLength(r.body)).toBe(Number(r.headers['content-length']));
      expect(JSON.parse(r.body)).toMatchObject({ error: 'payload_too_large' });
      expect(r.headers['access-control-allow-origin']).toBe(ORIGIN);
    }
  }, 60_000);

  it('answers fetch with 413 for every one of 30 parallel 1 MB uploads (no reset)', async () => {
    const body = 'x'.repeat(1024 * 1024);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${server.url}/v1/submissions`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body }).then(
          (r) => r.status,
          (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
        ),
      ),
    );
    expect(statuses).toEqual(statuses.map(() => 413));
  }, 60_000);
});
