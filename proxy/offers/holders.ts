/** The keyed hash a person is held by in the offers store, for claims and for erasure. */
import type { ErasureSubject } from '../lifecycle/erasure.ts';
import { keyedHash } from '../lifecycle/keyed-hash.ts';

export const holderOf = (hashKey: string, site: string, identity: string) => keyedHash(hashKey, `${site}\n${identity}`);

export async function holdersOf(hashKey: string, subject: ErasureSubject, sites: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const site of new Set([...subject.sites, ...sites])) for (const identity of subject.identities) out.push(await holderOf(hashKey, site, identity));
  return out;
}
