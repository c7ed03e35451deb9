/**
 * Estimates what Braze bills for an object (braze-api.md §8): every attribute written costs a data
 * point even when unchanged; subscription states and identifiers that only look a profile up are free.
 */
import type { BrazeAttributesObject, BrazeAttributeValue } from '../braze/types.ts';

/** Keys that steer or identify the object rather than write a field. */
export const CONTROL_KEYS: ReadonlySet<string> = new Set(['external_id', 'user_alias', 'braze_id', '_update_existing_only', '_merge_objects', 'push_token_import', 'push_tokens']);

/** Subscription states: free, and never left out by delta (consent must always reach Braze). */
export const SUBSCRIPTION_KEYS: ReadonlySet<string> = new Set(['subscription_groups', 'email_subscribe', 'push_subscribe']);

const PRIMARY_IDS = ['external_id', 'user_alias', 'braze_id'] as const;

/**
 * The key Braze looks the profile up by when no primary identifier is present: `email`, else
 * `phone` (§2.2). It must stay in the object whatever delta decides.
 */
export function lookupKey(object: BrazeAttributesObject): 'email' | 'phone' | undefined {
  if (PRIMARY_IDS.some((key) => object[key] !== undefined)) return undefined;
  if (object.email !== undefined) return 'email';
  return object.phone !== undefined ? 'phone' : undefined;
}

export function valuePoints(value: BrazeAttributeValue | undefined): number {
  if (value === undefined) return 0;
  if (Array.isArray(value) || value === null || typeof value !== 'object') return 1;
  // `{add: [...]}` / `{remove: [...]}` cost one per value; a nested object one per key (§8).
  const ops = value as Record<string, unknown>;
  if (Array.isArray(ops.add) || Array.isArray(ops.remove)) return Math.max(1, ((ops.add as unknown[]) ?? []).length + ((ops.remove as unknown[]) ?? []).length);
  return Math.max(1, Object.keys(ops).length);
}

export function attributePoints(object: BrazeAttributesObject): number {
  let points = 0;
  for (const [key, value] of Object.entries(object)) {
    if (!CONTROL_KEYS.has(key) && !SUBSCRIPTION_KEYS.has(key)) points += valuePoints(value);
  }
  return points;
}

/** Custom events and purchases cost one each. */
export function bodyPoints(body: { attributes?: BrazeAttributesObject[]; events?: unknown[]; purchases?: unknown[] }): number {
  return (body.attributes ?? []).reduce((n, o) => n + attributePoints(o), 0) + (body.events?.length ?? 0) + (body.purchases?.length ?? 0);
}
