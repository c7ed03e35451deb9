/** Standard profile fields of braze-api.md §3 and what each costs (§8). */
import { toCountryCode } from './countries.ts';
import { isDob, isLanguage, isTimeZone, isValidEmail, normalizePhone } from './formats.ts';
import { isRecord } from './http.ts';
import { change, error, IGNORED, type FieldPlan, type PlanContext } from './plan.ts';
import type { GlobalState, Profile } from './store.ts';
import { planSubscriptionGroups, setGlobalEmailState } from './subscription-groups.ts';

const GLOBAL_STATES: readonly unknown[] = ['opted_in', 'subscribed', 'unsubscribed'];
const GENDERS: readonly unknown[] = ['M', 'F', 'O', 'N', 'P'];
/** Keys that identify or steer the object rather than set a field. */
export const CONTROL_KEYS = new Set(['external_id', 'user_alias', 'braze_id', '_update_existing_only', '_merge_objects', 'push_token_import', 'push_tokens']);

/** Strings of §3 limited to 255 characters (`image_url` to 1,024). */
const STRING_FIELDS: Record<string, number> = { first_name: 255, last_name: 255, home_city: 255, image_url: 1024 };

function setAttribute(key: string, value: unknown): FieldPlan {
  return change((profile) => {
    if (value === null) delete profile.attributes[key];
    else profile.attributes[key] = value;
    return 1;
  });
}

function planString(key: string, value: unknown, max: number, ctx: PlanContext): FieldPlan {
  if (value === null) return setAttribute(key, null);
  if (typeof value !== 'string') return error('BAD_STANDARD_STRING');
  if (value.length <= max) return setAttribute(key, value);
  if (ctx.options.longStrings === 'truncate') return setAttribute(key, value.slice(0, max));
  ctx.warn(`${key}: longer than ${max} characters, not applied`);
  return IGNORED;
}

/** Returns the plans for `key`, or undefined when `key` is not a standard field. */
export function planStandard(key: string, value: unknown, ctx: PlanContext): FieldPlan[] | undefined {
  if (CONTROL_KEYS.has(key)) return [IGNORED];
  const max = STRING_FIELDS[key];
  if (max !== undefined) return [planString(key, value, max, ctx)];
  switch (key) {
    case 'email':
      if (value !== null && !isValidEmail(value)) return [error('EMAIL_BAD_FORMAT')];
      return [change((p) => (ctx.store.setEmail(p, value), 1))];
    case 'phone': {
      if (value !== null && typeof value !== 'string') return [error('BAD_STANDARD_STRING')];
      // Kept as E.164 when libphonenumber can read it; Braze only marks numbers invalid after a send fails (§3).
      const phone = value === null ? null : (normalizePhone(value) ?? value.replace(/(?!^\+)[^\d]/g, ''));
      return [change((p) => (ctx.store.setPhone(p, phone), 1))];
    }
    case 'gender':
      if (value !== null && !GENDERS.includes(value)) return [error('BAD_GENDER')];
      return [setAttribute(key, value)];
    case 'dob':
      if (value !== null && !isDob(value)) return [error('BAD_DOB')];
      return [setAttribute(key, value)];
    case 'country':
      if (value !== null && typeof value !== 'string') return [error('BAD_STANDARD_STRING')];
      if (value === null) return [setAttribute(key, null)];
      // An unmappable country is kept as an explicit null, so the inspection shows the value was cleared (§3).
      return [change((p) => ((p.attributes.country = toCountryCode(value)), 1))];
    case 'language':
    case 'time_zone': {
      const valid = key === 'language' ? isLanguage(value) : isTimeZone(value);
      if (value === null || valid) return [setAttribute(key, value)];
      ctx.warn(`${key}: ${JSON.stringify(value)} is not valid, not set`);
      return [IGNORED];
    }
    case 'current_location':
      if (value !== null && !(isRecord(value) && typeof value.longitude === 'number' && typeof value.latitude === 'number')) return [error('BAD_LOCATION_UPDATE')];
      return [setAttribute(key, value === null ? null : { longitude: value.longitude, latitude: value.latitude })];
    case 'email_subscribe':
      if (!GLOBAL_STATES.includes(value)) return [error('BAD_EMAIL_SUBSCRIPTION_STATE')];
      return [change((p) => (setGlobalEmailState(ctx.store, p, value as GlobalState), 0))];
    case 'push_subscribe':
      if (!GLOBAL_STATES.includes(value)) return [error('BAD_PUSH_SUBSCRIPTION_STATE')];
      return [change((p: Profile) => ((p.push_subscribe = value as GlobalState), 0))];
    case 'subscription_groups':
      return planSubscriptionGroups(value, ctx);
    default:
      return undefined;
  }
}
