/** Which profile a `/users/track` object addresses (braze-api.md §2.2 and §2.3). */
import { byteLength, isValidEmail, normalizePhone } from './formats.ts';
import { isRecord } from './http.ts';
import type { ObjectErrorCode } from './object-errors.ts';
import type { SandboxOptions } from './options.ts';
import { pickForLookup, type Profile, type Store, type UserAlias } from './store.ts';

export type Resolution =
  | { kind: 'profile'; profile: Profile }
  /** Accepted, yet no profile is touched (update-only with nobody to update). */
  | { kind: 'none'; reason: string }
  | { kind: 'error'; code: ObjectErrorCode };

const PRIMARY = ['external_id', 'user_alias', 'braze_id'] as const;
/** §2.2: `external_id` is at most 987 bytes. */
const EXTERNAL_ID_MAX_BYTES = 987;

export function isAlias(value: unknown): value is UserAlias {
  return isRecord(value) && typeof value.alias_name === 'string' && value.alias_name !== '' && typeof value.alias_label === 'string' && value.alias_label !== '';
}

export function externalIdProblem(value: unknown, options: Pick<SandboxOptions, 'blockedExternalIds'>): ObjectErrorCode | undefined {
  if (typeof value !== 'string' || value === '') return 'BAD_EXTERNAL_USER_ID';
  if (byteLength(value) > EXTERNAL_ID_MAX_BYTES) return 'EXTERNAL_USER_ID_TOO_LARGE';
  if (options.blockedExternalIds.some((b) => b.toLowerCase() === value.trim().toLowerCase())) return 'BLACKLISTED_EXTERNAL_USER_ID';
  return undefined;
}

/**
 * Identifies the profile without changing anything but profile creation. Primary identifiers win; email
 * and phone are lookups only when no primary identifier is present, and email beats phone (§2.2).
 */
export function resolve(object: Record<string, unknown>, store: Store, options: SandboxOptions): Resolution {
  const present = PRIMARY.filter((k) => object[k] !== undefined && object[k] !== null);
  if (present.length > 1) return { kind: 'error', code: 'MULTIPLE_IDENTIFIERS' };
  const updateOnly = object._update_existing_only;

  if (present[0] === 'external_id') {
    const problem = externalIdProblem(object.external_id, options);
    if (problem) return { kind: 'error', code: problem };
    const externalId = object.external_id as string;
    const found = store.byExternalId(externalId);
    if (found) return { kind: 'profile', profile: found };
    if (updateOnly === true) return { kind: 'none', reason: `external_id ${externalId} unknown and _update_existing_only is true` };
    // A new external_id creates a profile even when its email is known: the duplicate-profile trap (§2.2, case 20).
    return { kind: 'profile', profile: store.create({ external_id: externalId }) };
  }
  if (present[0] === 'user_alias') {
    if (!isAlias(object.user_alias)) return { kind: 'error', code: 'BAD_USER_ALIAS' };
    const alias = { alias_name: object.user_alias.alias_name, alias_label: object.user_alias.alias_label };
    const found = store.byAlias(alias);
    if (found) return { kind: 'profile', profile: found };
    // For aliases update-only is the default: only an explicit `false` creates (§2.3, cases 18–19).
    if (updateOnly !== false) return { kind: 'none', reason: 'user_alias unknown and _update_existing_only defaults to true for aliases' };
    return { kind: 'profile', profile: store.create({ user_aliases: [alias] }) };
  }
  if (present[0] === 'braze_id') {
    const found = typeof object.braze_id === 'string' ? store.byBrazeId(object.braze_id) : undefined;
    // An unknown braze_id cannot create a profile; it is accepted and ignored (§2.3 UNCERTAIN).
    return found ? { kind: 'profile', profile: found } : { kind: 'none', reason: 'braze_id unknown' };
  }
  return resolveByAddress(object, store, options);
}

function resolveByAddress(object: Record<string, unknown>, store: Store, options: SandboxOptions): Resolution {
  const blocked = object._update_existing_only === true && options.updateOnlyBlocksEmailCreation;
  if (object.email !== undefined && object.email !== null) {
    if (!isValidEmail(object.email)) return { kind: 'error', code: 'EMAIL_BAD_FORMAT' };
    const found = pickForLookup(store.withEmail(object.email));
    if (found) return { kind: 'profile', profile: found };
    if (blocked) return { kind: 'none', reason: 'email unknown and _update_existing_only is true' };
    // An "email-only" profile: the email set, no alias (§2.2, case 15).
    const created = store.create();
    store.setEmail(created, object.email);
    return { kind: 'profile', profile: created };
  }
  if (object.phone !== undefined && object.phone !== null) {
    // Lookup by phone "only works if you include a valid phone number" (§2.2); an invalid one is refused (UNCERTAIN).
    const phone = normalizePhone(object.phone);
    if (phone === undefined) return { kind: 'error', code: 'PHONE_BAD_FORMAT' };
    const found = pickForLookup(store.withPhone(phone));
    if (found) return { kind: 'profile', profile: found };
    if (blocked) return { kind: 'none', reason: 'phone unknown and _update_existing_only is true' };
    const created = store.create();
    store.setPhone(created, phone);
    return { kind: 'profile', profile: created };
  }
  return { kind: 'error', code: 'MISSING_IDENTIFIER' };
}
