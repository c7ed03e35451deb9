/**
 * The signed live-site preview link: `<site page>?inlet_preview=<form>&inlet_preview_token=<token>`.
 * The token is `<payload>.<HMAC-SHA-256>` (base64url) over `{ s: site, f: form, e: expiry }`, signed
 * with the studio's session secret under its own label, so a session cookie is never a token and a
 * token never a cookie. It is bound to one site and one form, and lives at most an hour. Whoever holds
 * it sees that form's *current draft* on the real site; the widget then talks only to
 * `/v1/preview/<token>/…` (proxy/studio/preview-routes.ts), which records nothing and sends nothing.
 */
export const PREVIEW_MAX_TTL_MS = 3600_000;
const enc = new TextEncoder();
const dec = new TextDecoder();

export interface PreviewGrant {
  site: string;
  form: string;
  expiresAt: number;
}

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function mac(payload: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return b64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(`inlet-preview-link.${payload}`))));
}

export async function signPreviewToken(grant: PreviewGrant, secret: string): Promise<string> {
  const payload = b64url(enc.encode(JSON.stringify({ s: grant.site, f: grant.form, e: grant.expiresAt })));
  return `${payload}.${await mac(payload, secret)}`;
}

export type PreviewCheck = { grant: PreviewGrant } | { refused: 'invalid' | 'expired' };

/** The grant a token carries, or why it is refused: a bad MAC or shape, or past its expiry. */
export async function verifyPreviewToken(token: string, secret: string, now: number): Promise<PreviewCheck> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 512) return { refused: 'invalid' };
  const expected = await mac(payload, secret);
  // Compare MACs of both, so timing says nothing about how much of the signature matched.
  const [a, b] = await Promise.all([mac(expected, secret), mac(signature, secret)]);
  if (a !== b) return { refused: 'invalid' };
  let body: { s?: unknown; f?: unknown; e?: unknown };
  try {
    body = JSON.parse(dec.decode(unb64url(payload)));
  } catch {
    return { refused: 'invalid' };
  }
  if (typeof body.s !== 'string' || typeof body.f !== 'string' || typeof body.e !== 'number') return { refused: 'invalid' };
  if (body.e <= now) return { refused: 'expired' };
  return { grant: { site: body.s, form: body.f, expiresAt: body.e } };
}
