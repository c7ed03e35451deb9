/**
 * Netlify Edge Functions: `netlify/edge-functions/inlet.ts` re-exports this
 * (`export { default, config } from …`). Netlify's edge runs Deno and has no queue, so submissions
 * go to Braze directly and are answered `202` only once Braze accepted them.
 */
import { createHandler } from '../../handler.ts';
import { readEdgeEnv } from '../edge/env.ts';

interface NetlifyContext {
  waitUntil?(promise: Promise<unknown>): void;
}

declare const Netlify: { env: { get(name: string): string | undefined } };

// The widget files are static: Netlify serves them from the publish directory (docs/deploy.md, "Deploy").
export const config = { path: ['/v1/*', '/healthz'] };

export function netlifyHandler(overrides: { config?: unknown } = {}): (request: Request, context?: NetlifyContext) => Promise<Response> {
  const handle = createHandler(readEdgeEnv((name) => Netlify.env.get(name), overrides.config));
  return (request, context) => handle(request, undefined, context?.waitUntil ? { waitUntil: (p) => context.waitUntil!(p) } : undefined);
}

let handle: ReturnType<typeof netlifyHandler> | undefined;
/** Built on the first request, so importing `netlifyHandler` alone never needs the variables. */
export default function inlet(request: Request, context?: NetlifyContext): Promise<Response> {
  handle ??= netlifyHandler();
  return handle(request, context);
}
