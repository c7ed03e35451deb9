/**
 * `requireStudioRole(request, site, role)`: the studio's session check for routes outside the studio
 * (the analytics route `GET /v1/studio/analytics`, a winner's promotion). It answers who is signed in
 * and with what role on `site`, or throws the `HttpError` the route returns: 401 signed out or a
 * tampered cookie, 403 a role too low or another site, 403 a state change from another origin, 404
 * when no studio runs. The handler binds each request to its studio (`bindStudio`), so one process
 * may run several handlers.
 */
import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors.ts';
import type { Role } from './store.ts';

export type { Role as StudioRole } from './store.ts';

export interface StudioPrincipal {
  user: { id: string; email: string; name: string };
  site: string;
  /** Their role on `site` (at least the one asked for). */
  role: Role;
}

export type StudioRoleCheck = (request: Request, site: string, role: Role) => Promise<StudioPrincipal>;

const checks = new WeakMap<Request, StudioRoleCheck>();

/** Middleware `createHandler` puts before every `/v1/*` route when a studio runs. */
export function bindStudio(check: StudioRoleCheck): MiddlewareHandler {
  return async (c, next) => {
    checks.set(c.req.raw, check);
    await next();
  };
}

export async function requireStudioRole(request: Request, site: string, role: Role): Promise<StudioPrincipal> {
  const check = checks.get(request);
  if (!check) throw new HttpError(404, 'not_found', 'The studio does not run on this deployment (docs/studio.md, "Running it").');
  return check(request, site, role);
}
