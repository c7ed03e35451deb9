/**
 * Netlify Edge Functions: `netlify/edge-functions/inlet.ts` re-exports this
 * (`export { default, config } from …`). The widget files are static: Netlify serves them from the
 * publish directory (docs/deploy.md).
 */
import { edgeHandler, type EdgeOverrides } from '../edge/handler.ts';

declare const Netlify: { env: { get(name: string): string | undefined } };

export const config = { path: ['/v1/*', '/healthz'] };

interface NetlifyContext {
  ip?: string;
  geo?: { country?: { code?: string } };
}

export function netlifyHandler(overrides: EdgeOverrides = {}): (request: Request, context?: NetlifyContext) => Promise<Response> {
  const handle = edgeHandler('netlify', (name) => Netlify.env.get(name), overrides);
  // The address and country Netlify's edge saw.
  return (request, context) => handle(request, { clientIp: context?.ip, country: context?.geo?.country?.code });
}

export default netlifyHandler();
