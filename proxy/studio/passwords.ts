/**
 * Password hashes: PBKDF2-SHA-256 from Web Crypto, stored with their parameters as
 * `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` so the cost can rise without breaking old hashes.
 * workerd refuses more than 100,000 iterations, so that is the ceiling on every runtime (docs/studio.md).
 */
export const PBKDF2_ITERATIONS = 100_000;
const enc = new TextEncoder();

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256));
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${iterations}$${b64(salt)}$${b64(await derive(password, salt, iterations))}`;
}

export function isPasswordHash(text: string): boolean {
  return /^pbkdf2-sha256\$\d{1,6}\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/.test(text);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!isPasswordHash(stored)) return false;
  const [, iterations, salt, hash] = stored.split('$') as [string, string, string, string];
  const n = Number(iterations);
  if (n < 1 || n > PBKDF2_ITERATIONS) return false;
  const expected = unb64(hash);
  const actual = await derive(password, unb64(salt), n);
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ (expected[i] ?? 0);
  return diff === 0;
}

/** A hash that matches nothing, verified for unknown emails so timing does not tell which emails exist. */
export const DUMMY_HASH = 'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
