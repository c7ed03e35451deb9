/**
 * CORS allowlist: exact origins and `https://*.example.com` wildcard subdomains.
 * Patterns are compiled once per site, so a request costs one loop over predicates.
 */
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
