/**
 * The visitor's country (the default for phone numbers), as the runtime adapter read it from its
 * platform (`RequestInfo.country`). Their address is not read here either: only the adapter knows
 * which source its platform vouches for (`RequestInfo.clientIp`).
 */
export function normalizeCountry(raw: string | undefined): string | undefined {
  const code = raw?.trim().toUpperCase();
  // "XX" and "T1" are Cloudflare's unknown and Tor markers, not countries.
  return code && /^[A-Z]{2}$/.test(code) && code !== 'XX' && code !== 'T1' ? code : undefined;
}
