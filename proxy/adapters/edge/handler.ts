/**
 * The edge runtimes without a queue (Vercel, Netlify, Deno) differ only in how they expose variables
 * and the visitor's address: each adapter passes those two, this builds the rest. Submissions go to
 * Braze directly and are answered `202` only once Braze accepted them. The handler is built on the
 * first request, so importing an adapter never needs the variables.
 */
import { ConfigError } from '../../config/inlet-config.ts';
import { HttpError } from '../../errors.ts';
import { createHandler, type Handler } from '../../handler.ts';
import { readSettings, requireBraze, requireConfig, SettingsError, type EnvGetter, type Runtime } from '../../settings.ts';

export interface EdgeOverrides {
  /** The config imported at build time, instead of INLET_CONFIG. */
  config?: unknown;
}

export function edgeHandler(runtime: Runtime, get: EnvGetter, overrides: EdgeOverrides = {}): Handler {
  let handle: Handler | undefined;
  return async (request, info) => {
    try {
      if (!handle) {
        const settings = readSettings(runtime, get);
        handle = createHandler({ config: requireConfig(settings, overrides.config), braze: requireBraze(settings), secret: settings.signingSecret, adminToken: settings.adminToken, env: settings.env });
      }
    } catch (error) {
      if (!(error instanceof SettingsError || error instanceof ConfigError)) throw error;
      // The runtime's log gets each problem on its own line; visitors only learn that the proxy is not set up.
      for (const line of error instanceof SettingsError ? error.problems : error.issues) console.error(`inlet: ${line}`);
      return new HttpError(503, 'not_configured', 'The proxy is not configured; see its logs.').toResponse();
    }
    return handle(request, info);
  };
}
