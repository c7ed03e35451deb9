/**
 * A logged-in visitor's external_id counts only when the site's backend signed it:
 * `signature = hex(HMAC-SHA256(signingSecret, externalId))` (docs/identity.md, "Identity and signing"). Anything else is
 * ignored, because anyone could otherwise write into another user's profile.
 */
import { fromHex, hmacVerify, importHmacKey } from './hmac.ts';

const keys = new Map<string, Promise<CryptoKey>>();

export async function verifyExternalId(externalId: string, signature: string | undefined, signingSecret: string | undefined): Promise<boolean> {
  if (!signingSecret || !signature || externalId.length === 0) return false;
  // Braze caps external_id at 987 bytes (braze-api.md §2.2).
  if (new TextEncoder().encode(externalId).byteLength > 987) return false;
  const mac = fromHex(signature.trim());
  if (!mac || mac.byteLength !== 32) return false;
  let key = keys.get(signingSecret);
  if (!key) keys.set(signingSecret, (key = importHmacKey(signingSecret)));
  return hmacVerify(await key, mac, externalId);
}
