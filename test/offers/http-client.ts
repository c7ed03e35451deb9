/**
 * POSTs over real sockets through a keep-alive agent: a thousand requests in flight share a pool of
 * connections instead of a thousand handshakes overflowing the listen backlog.
 */
import { Agent, request } from 'node:http';

export function httpClient(baseUrl: string, origin: string, maxSockets = 128) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const url = new URL(baseUrl);
  return {
    post(path: string, body: unknown): Promise<{ status: number; json: any }> {
      const data = JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = request({ agent, host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin, 'content-length': Buffer.byteLength(data) } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
        });
        req.on('error', reject);
        req.end(data);
      });
    },
    close: () => agent.destroy(),
  };
}
