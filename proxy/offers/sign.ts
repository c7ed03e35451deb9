/**
 * Offers are returned signed: a shop's back end (or checkout extension) that receives the code,
 * segment and submission id from the page can check the proxy issued them with `verifyOffer`.
 */
import { keyedHash } from '../lifecycle/keyed-hash.ts';

export interface SignedFields {
  site: string;
  form: string;
  /** The submission id the offer was issued for. */
  id: string;
  code?: string;
  segment?: number;
}

const canonical = (f: SignedFields) => JSON.stringify([f.site, f.form, f.id, f.code ?? null, f.segment ?? null]);

export function signOffer(secret: string, fields: SignedFields): Promise<string> {
  return keyedHash(secret, `offer\n${canonical(fields)}`);
}

export async function verifyOffer(secret: string, fields: SignedFields, signature: string): Promise<boolean> {
  const expected = await signOffer(secret, fields);
  if (expected.length !== signature.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
  return diff === 0;
}
