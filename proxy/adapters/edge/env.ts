/**
 * Settings for the edge runtimes without bindings (Vercel, Netlify, Deno): every value is an
 * environment variable, read through the runtime's own getter by its adapter.
 */
import type { ProxyOptions } from '../../options.ts';

export type EnvGetter = (name: string) => string | undefined;

export class EdgeEnvError extends Error {
  override readonly name = 'EdgeEnvError';
}

/**
 * Handler options from `BRAZE_REST_ENDPOINT`, `BRAZE_API_KEY`, `INLET_CONFIG` (the config as JSON
 * text) and `INLET_SIGNING_SECRET` (continuation tokens; instances must share it).
 */
export function readEdgeEnv(get: EnvGetter, config?: unknown): ProxyOptions {
  const endpoint = get('BRAZE_REST_ENDPOINT');
  const apiKey = get('BRAZE_API_KEY');
  if (!endpoint) throw new EdgeEnvError('BRAZE_REST_ENDPOINT is not set: add it to the environment (e.g. "https://rest.fra-01.braze.eu").');
  if (!apiKey) throw new EdgeEnvError('BRAZE_API_KEY is not set: add it to the environment as a secret.');
  return {
    config: config ?? parseConfigVariable(get('INLET_CONFIG')),
    braze: { endpoint, apiKey },
    secret: get('INLET_SIGNING_SECRET') || undefined,
    // `env:NAME` references in the config resolve through the runtime's getter.
    env: new Proxy({}, { get: (_, name) => (typeof name === 'string' ? get(name) : undefined) }),
  };
}

function parseConfigVariable(text: string | undefined): unknown {
  if (!text) throw new EdgeEnvError('INLET_CONFIG is not set: put the Inlet config (JSON) in it, or pass the config to the adapter in code.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EdgeEnvError(`INLET_CONFIG is not valid JSON: ${error instanceof Error ? error.message : error}.`);
  }
}
