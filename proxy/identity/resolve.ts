/**
 * Which identifier a submission's Braze objects carry (braze-api.md §2.2). Email, else phone: Braze
 * resolves either to the existing profile (preferring one with an external_id) or creates one
 * address-only profile, never a duplicate. A signed external_id is the identifier only when the
 * visitor gave no address, because a new external_id sent with an email that an email-only
 * profile already holds would create a second profile.
 */
import type { BrazeIdentifier } from '../braze/types.ts';
import type { CarriedIdentity } from '../submission/continuation.ts';

export interface ResolvedIdentity {
  identifier: BrazeIdentifier;
  /** Stable key for ordering and deltas: `email:…`, `phone:…` or `external_id:…`. */
  key: string;
  /** What later steps carry in their continuation. */
  carried: CarriedIdentity;
}

export function resolveIdentity(carried: CarriedIdentity | undefined, given: { email?: string; phone?: string }, signedExternalId: string | undefined): ResolvedIdentity | undefined {
  // Later steps keep step 1's identifier, so every step lands on the same profile.
  const base: CarriedIdentity = carried ?? { email: given.email, phone: given.phone, externalId: given.email || given.phone ? undefined : signedExternalId };
  const known: CarriedIdentity = { ...base, phone: base.phone ?? given.phone };
  const clean = Object.fromEntries(Object.entries(known).filter(([, v]) => v !== undefined)) as CarriedIdentity;
  if (base.email) return { identifier: { email: base.email }, key: `email:${base.email}`, carried: clean };
  if (base.phone) return { identifier: { phone: base.phone }, key: `phone:${base.phone}`, carried: clean };
  if (base.externalId) return { identifier: { external_id: base.externalId }, key: `external_id:${base.externalId}`, carried: clean };
  return undefined;
}
