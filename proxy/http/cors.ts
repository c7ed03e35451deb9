/**
 * CORS allowlist: exact origins and `https://*.example.com` wildcard subdomains, compiled once per
 * site. The middleware adds the headers to every answer, errors included (so the widget can read
 * field errors), once a route has named the request's site and that site allows the origin.
 */
import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors.ts';
import type { SiteEntry } from '../site-index.ts';
import type { ProxyEnv } from './env.ts';

export type OriginCheck = (origin: string) => boolean;

export function compileOrigins(patterns: readonly string[]): OriginCheck {
  const checks = patterns.map((pattern): OriginCheck => {
    if (pattern === '*') return () => true;
    const wildcard = /^(https?:\/\/)\*\.(.+)$/.exec(pattern);
    if (!wildcard) return (origin) => origin === pattern;
    const [, scheme, suffix] = wildcard as unknown as [string, string, string];
    // `*.shop.example.com` matches any depth of subdomain but never the bare domain.
    return (origin) => origin.startsWith(scheme) && origin.endsWith(`.${suffix}`) && origin.length > scheme.length + suffix.length + 1;
  });
  return (origin) => checks.some((check) => check(origin));
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '86400',
    vary: 'Origin',
  };
}

export function siteCors(): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    await next();
    const origin = c.req.header('origin');
    const site = c.get('site');
    if (!origin || !(c.get('anySite') || site?.isAllowedOrigin(origin))) return;
    const headers = new Headers(c.res.headers);
    for (const [name, value] of Object.entries(corsHeaders(origin))) headers.set(name, value);
    c.res = new Response(c.res.body, { status: c.res.status, statusText: c.res.statusText, headers });
  };
}

// Refused origins are logged once each per process (bounded), so a misconfigured page is easy to find.
const logged = new Set<string>();

/** Refuses a browser request from an origin the site does not allow. No Origin header: no browser is asking. */
export function checkOrigin(site: SiteEntry, origin: string | undefined): void {
  if (!origin || site.isAllowedOrigin(origin)) return;
  const key = `${site.id} ${origin}`;
  if (!logged.has(key) && logged.size < 1000) {
    logged.add(key);
    console.warn(JSON.stringify({ inlet: 'origin_not_allowed', site: site.id, origin, fix: `add "${origin}" to sites.${site.id}.origins in the Inlet config` }));
  }
  throw originNotAllowed(site.id);
}

export const originNotAllowed = (site?: string) =>
  new HttpError(403, 'origin_not_allowed', site ? `This origin is not in sites.${site}.origins of the Inlet config.` : "This origin is not in any site's origins in the Inlet config.");

export const methodNotAllowed = (allow: string) => new HttpError(405, 'method_not_allowed', `Use ${allow}.`, { headers: { allow } });
