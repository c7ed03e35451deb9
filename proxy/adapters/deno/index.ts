/**
 * Deno: `deno serve --allow-net --allow-env proxy/adapters/deno/index.ts` (the default export is a
 * `{ fetch }` object).
 */
import { edgeHandler, type EdgeOverrides } from '../edge/handler.ts';

declare const Deno: { env: { get(name: string): string | undefined } };

interface ServeInfo {
  remoteAddr?: { hostname?: string };
}

export function denoHandler(overrides: EdgeOverrides = {}): { fetch(request: Request, info?: ServeInfo): Promise<Response> } {
  const handle = edgeHandler('deno', (name) => Deno.env.get(name), overrides);
  return { fetch: (request, info) => handle(request, { clientIp: info?.remoteAddr?.hostname }) };
}

export default denoHandler();
