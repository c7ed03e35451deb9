/**
 * Vercel Edge Functions: `api/inlet.ts` re-exports this (`export { default, config } from …`), or
 * exports `vercelHandler({ config })` with a config imported at build time.
 */
import { edgeHandler, type EdgeOverrides } from '../edge/handler.ts';

export const config = { runtime: 'edge' };

/** Vercel exposes variables on `process.env` in the edge runtime too. */
const env = (name: string): string | undefined => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

export function vercelHandler(overrides: EdgeOverrides = {}): (request: Request) => Promise<Response> {
  const handle = edgeHandler('vercel', env, overrides);
  // Vercel sets x-real-ip and x-vercel-ip-country itself, replacing any a client sent.
  return (request) => handle(request, { clientIp: request.headers.get('x-real-ip') ?? undefined, country: request.headers.get('x-vercel-ip-country') ?? undefined });
}

export default vercelHandler();
