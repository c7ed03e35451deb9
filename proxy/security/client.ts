/** What the edge knows about the visitor: address (rate limiting) and country (phone numbers). */

/**
 * `cf-connecting-ip` (Cloudflare sets it and clients cannot), then `x-inlet-client-ip` (the Node
 * adapter's socket address), then `x-forwarded-for` only when the deployment says a trusted proxy
 * sets it: otherwise any client could choose its own address.
 */
export function clientIp(request: Request, trustProxy: boolean): string | undefined {
  const h = request.headers;
  const direct = h.get('cf-connecting-ip') ?? h.get('x-inlet-client-ip');
  if (direct) return direct.trim();
  if (trustProxy) return h.get('x-forwarded-for')?.split(',')[0]?.trim() || undefined;
  return undefined;
}

/** Cloudflare's `request.cf.country`, else the country header Vercel or Cloudflare adds. */
export function edgeCountry(request: Request): string | undefined {
  const cf = (request as Request & { cf?: { country?: unknown } }).cf;
  const raw = typeof cf?.country === 'string' ? cf.country : request.headers.get('x-vercel-ip-country') ?? request.headers.get('cf-ipcountry');
  const code = raw?.trim().toUpperCase();
  // "XX" and "T1" are Cloudflare's unknown and Tor markers, not countries.
  return code && /^[A-Z]{2}$/.test(code) && code !== 'XX' && code !== 'T1' ? code : undefined;
}
