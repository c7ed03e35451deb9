/**
 * The studio session cookie: `<session id>.<HMAC-SHA-256 of it>`. The id names a row in
 * `studio_sessions` (so a session is revoked by marking its row); the MAC refuses a forged or
 * altered cookie before the store is asked.
 */
export const COOKIE = 'inlet_studio';
export const SESSION_TTL_MS = 12 * 3600_000;
const enc = new TextEncoder();

const b64url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function key(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

export async function signSession(id: string, secret: string): Promise<string> {
  return `${id}.${b64url(await crypto.subtle.sign('HMAC', await key(secret), enc.encode(id)))}`;
}

/** The session id in a cookie value, or null when its MAC does not match. */
export async function verifySession(value: string, secret: string): Promise<string | null> {
  const dot = value.indexOf('.');
  if (dot < 1) return null;
  const id = value.slice(0, dot);
  const expected = await signSession(id, secret);
  // Compare the MACs of both strings, so the comparison's timing says nothing about the cookie.
  const k = await key(secret);
  const [a, b] = await Promise.all([crypto.subtle.sign('HMAC', k, enc.encode(expected)), crypto.subtle.sign('HMAC', k, enc.encode(value))]);
  return b64url(a) === b64url(b) ? id : null;
}

export function readCookie(request: Request, name = COOKIE): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** `Secure` everywhere but plain-HTTP localhost, where browsers would drop a Secure cookie. */
export function sessionCookie(value: string, request: Request, maxAgeSeconds: number): string {
  const { hostname, protocol } = new URL(request.url);
  const local = protocol === 'http:' && (hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]');
  return `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${local ? '' : '; Secure'}`;
}
