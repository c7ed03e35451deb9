/**
 * Keyed hashes: how stores hold an identifier without holding it. Each key is an HMAC-SHA256
 * under the store's own hash key of the digest the store used before keys existed, so a migration
 * can re-key rows it has no identifier for, and `forget` finds both kinds. Without the key a hash
 * cannot be matched against a list of emails.
 */
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** 22 base64url characters of HMAC-SHA256(key, text). */
export async function keyedHash(key: string, text: string): Promise<string> {
  let cryptoKey = keys.get(key);
  if (!cryptoKey) keys.set(key, (cryptoKey = crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])));
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', await cryptoKey, encoder.encode(text)))).slice(0, 22);
}

/** The outbox's unkeyed identity digest before hash keys (22 characters of the whole SHA-256). */
export async function legacyOutboxKey(site: string, identity: string): Promise<string> {
  return base64url(await sha256(`${site}\n${identity}`)).slice(0, 22);
}

/** The delta store's unkeyed identity digest before hash keys (the first 16 bytes of SHA-256). */
export async function legacyDeltaKey(site: string, identity: string): Promise<string> {
  return base64url((await sha256(`${site}\n${identity}`)).subarray(0, 16));
}

export async function outboxKey(key: string | undefined, site: string, identity: string): Promise<string> {
  const legacy = await legacyOutboxKey(site, identity);
  return key ? keyedHash(key, legacy) : legacy;
}

export async function deltaKey(key: string | undefined, site: string, identity: string): Promise<string> {
  const legacy = await legacyDeltaKey(site, identity);
  return key ? keyedHash(key, legacy) : legacy;
}
