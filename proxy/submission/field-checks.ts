/**
 * One check per field type, each turning a raw JSON value into a clean value or a field issue
 * (a stable `code` the widget translates, and English text it can show as is).
 */
import type { Field, Option } from '../config/form-schema.ts';
import type { FieldCode, FieldIssue } from '../errors.ts';
import { COUNTRY_CODES, GENDERS, LANGUAGE_CODES } from '../mapping/iso-codes.ts';
import { brazeEmail } from './email.ts';
import { normalisePhone } from './phone.ts';

export type FieldValue = string | number | boolean | string[];
export type Checked = { value: FieldValue } | { issue: FieldIssue } | { empty: true };

export const issue = (code: FieldCode, message: string): FieldIssue => ({ code, message });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_TEXT = 255;

const optionValue = (option: Option) => (typeof option === 'string' ? option : option.value);
const isEmpty = (raw: unknown) => raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);

function text(raw: unknown, max = MAX_TEXT): { value: string } | { issue: FieldIssue } {
  if (typeof raw !== 'string') return { issue: issue('invalid_type', 'Enter text.') };
  const value = raw.trim();
  if (value.length > max) return { issue: issue('too_long', `Use at most ${max} characters.`) };
  return { value };
}

/** Lower-cased address with an internationalised domain in punycode, as Braze requires (email.ts). */
function email(raw: unknown): { value: string } | { issue: FieldIssue } {
  const value = typeof raw === 'string' ? brazeEmail(raw) : undefined;
  return value === undefined ? { issue: issue('invalid_email', 'Enter a valid email address.') } : { value };
}

function date(raw: unknown): { value: string } | { issue: FieldIssue } {
  const bad = { issue: issue('invalid_date', 'Enter a date as YYYY-MM-DD.') };
  if (typeof raw !== 'string') return bad;
  const m = DATE.exec(raw.trim());
  if (!m) return bad;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  // Braze stores years outside 0–3000 as strings (braze-api.md §3); a birthday before 1900 is a typo.
  if (y < 1900 || y > 2999 || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) return bad;
  return { value: raw.trim() };
}

export function checkField(field: Field, raw: unknown, edgeCountry: string | undefined): Checked {
  if (field.type === 'hidden') {
    // A constant comes from the published config, never from the browser.
    if (field.source === 'constant') return field.value === undefined ? { empty: true } : { value: field.value };
    if (isEmpty(raw)) return { empty: true };
    // Page context the visitor cannot fix never blocks a sign-up: cut to Braze's 255 characters.
    return typeof raw === 'string' ? { value: raw.trim().slice(0, MAX_TEXT) } : { issue: issue('invalid_type', 'Expected text.') };
  }
  if (field.type === 'consent') {
    if (raw !== undefined && raw !== null && typeof raw !== 'boolean') return { issue: issue('invalid_type', 'Expected a tick box value.') };
    if (field.required && raw !== true) return { issue: issue('consent_required', 'Tick this box to continue.') };
    return raw === true ? { value: true } : { empty: true };
  }
  if (isEmpty(raw)) return field.required ? { issue: issue('required', 'This field is required.') } : { empty: true };
  switch (field.type) {
    case 'email':
      return email(raw);
    case 'phone':
      return normalisePhone(field, raw, edgeCountry);
    case 'text': {
      const out = text(raw, field.maxLength);
      if ('value' in out && field.minLength !== undefined && out.value.length < field.minLength) return { issue: issue('too_short', `Use at least ${field.minLength} characters.`) };
      return out;
    }
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { issue: issue('invalid_number', 'Enter a number.') };
      if (field.integer && !Number.isInteger(raw)) return { issue: issue('not_integer', 'Enter a whole number.') };
      if (field.min !== undefined && raw < field.min) return { issue: issue('too_small', `Enter ${field.min} or more.`) };
      if (field.max !== undefined && raw > field.max) return { issue: issue('too_large', `Enter ${field.max} or less.`) };
      return { value: raw };
    }
    case 'date':
      return date(raw);
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : { issue: issue('invalid_type', 'Expected yes or no.') };
    case 'choice': {
      const allowed = field.options.map(optionValue);
      return typeof raw === 'string' && allowed.includes(raw) ? { value: raw } : { issue: issue('invalid_option', 'Choose one of the options.') };
    }
    case 'choices': {
      const allowed = field.options.map(optionValue);
      if (!Array.isArray(raw) || !raw.every((v): v is string => typeof v === 'string' && allowed.includes(v))) return { issue: issue('invalid_option', 'Choose among the options.') };
      const value = [...new Set(raw)];
      if (field.minSelected !== undefined && value.length < field.minSelected) return { issue: issue('too_few', `Choose at least ${field.minSelected}.`) };
      if (field.maxSelected !== undefined && value.length > field.maxSelected) return { issue: issue('too_many', `Choose at most ${field.maxSelected}.`) };
      return { value };
    }
    case 'language': {
      const value = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      const ok = LANGUAGE_CODES.has(value) && (!field.options || field.options.includes(value));
      return ok ? { value } : { issue: issue('invalid_language', 'Choose a language from the list.') };
    }
    case 'gender':
      return typeof raw === 'string' && (GENDERS as readonly string[]).includes(raw) ? { value: raw } : { issue: issue('invalid_gender', 'Choose one of the options.') };
    case 'country': {
      const value = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
      const ok = COUNTRY_CODES.has(value) && (!field.options || field.options.includes(value));
      return ok ? { value } : { issue: issue('invalid_country', 'Choose a country from the list.') };
    }
  }
}
