/**
 * Vercel Edge Functions: `api/inlet.ts` re-exports this (`export { default, config } from …`), or calls
 * `vercelHandler({ config })` with a config imported at build time. No queue here: each submission
 * goes to Braze directly and is answered `202` only once Braze accepted it.
 */
import { createHandler } from '../../handler.ts';
import { readEdgeEnv } from '../edge/env.ts';

interface VercelContext {
  waitUntil?(promise: Promise<unknown>): void;
}

export const config = { runtime: 'edge' };

/** Vercel exposes variables on `process.env` in the edge runtime too. */
const env = (name: string): string | undefined => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

export function vercelHandler(overrides: { config?: unknown } = {}): (request: Request, context?: VercelContext) => Promise<Response> {
  const handle = createHandler(readEdgeEnv(env, overrides.config));
  return (request, context) => handle(request, undefined, context?.waitUntil ? { waitUntil: (p) => context.waitUntil!(p) } : undefined);
}

let handle: ReturnType<typeof vercelHandler> | undefined;
/** Built on the first request, so importing `vercelHandler` alone never needs the variables. */
export default function inlet(request: Request, context?: VercelContext): Promise<Response> {
  handle ??= vercelHandler();
  return handle(request, context);
}
