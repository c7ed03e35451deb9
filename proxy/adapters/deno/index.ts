/**
 * Deno: `deno serve --allow-net --allow-env proxy/adapters/deno/index.ts` (the default export is a
 * `{ fetch }` object). No queue: submissions go to Braze directly and are answered `202` only once
 * Braze accepted them.
 */
import { createHandler } from '../../handler.ts';
import { readEdgeEnv } from '../edge/env.ts';

declare const Deno: { env: { get(name: string): string | undefined } };

export function denoHandler(overrides: { config?: unknown } = {}): { fetch(request: Request): Promise<Response> } {
  const handle = createHandler(readEdgeEnv((name) => Deno.env.get(name), overrides.config));
  // `deno serve` passes (request, info), not an execution context.
  return { fetch: (request) => handle(request) };
}

let handler: ReturnType<typeof denoHandler> | undefined;
/** Built on the first request, so importing `denoHandler` alone never needs the variables. */
export default {
  fetch(request: Request): Promise<Response> {
    handler ??= denoHandler();
    return handler.fetch(request);
  },
};
