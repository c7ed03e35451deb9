/** Value formats of braze-api.md §3: email syntax, phone numbers, dates and times. */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Braze's email syntax (braze-api.md §3.1): the Microsoft-domain and general local-part patterns,
 * Gmail's two-character minimum, an ASCII host of 2+ labels (a Unicode domain must arrive
 * punycode-encoded) whose TLD is not numeric. Whitespace is invalid (case 12).
 */
const MICROSOFT_LOCAL = /^\w[-\w]*(?:\.[-\w]+)*$/;
const OTHER_LOCAL = /^[\p{L}\p{N}_-](?:[.+'\p{L}\p{N}_&#/-]*[\p{L}\p{N}_-])?$/u;
const HOST_LABEL = /^[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?$/i;

export function isValidEmail(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 254) return false;
  const parts = value.split('@');
  if (parts.length !== 2) return false;
  const [local, host] = parts as [string, string];
  const labels = host.toLowerCase().split('.');
  if (labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l))) return false;
  const tld = labels.at(-1)!;
  // No TLD on ICANN's list is one character or starts with a digit.
  if (tld.length < 2 || /^\d/.test(tld)) return false;
  const microsoft = ['msn', 'hotmail', 'outlook', 'live'].some((word) => host.toLowerCase().includes(word));
  if (microsoft ? !MICROSOFT_LOCAL.test(local.split('+')[0]!) : !OTHER_LOCAL.test(local)) return false;
  return host.toLowerCase() !== 'gmail.com' || Array.from(local).length >= 2;
}

/**
 * Braze keeps digits and a leading `+`, reads 10 digits without `+` as a US number, and validates
 * with libphonenumber (§3 `phone`). Returns the E.164 form, or undefined when not a valid number.
 */
export function normalizePhone(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const digits = value.trim().replace(/(?!^\+)[^\d]/g, '');
  const candidate = digits.startsWith('+') ? digits : digits.length === 10 ? `+1${digits}` : `+${digits}`;
  const parsed = parsePhoneNumberFromString(candidate);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** Strict E.164 as the subscription endpoints require (§4). */
export function isE164(value: unknown): value is string {
  return typeof value === 'string' && /^\+[1-9]\d{1,14}$/.test(value) && normalizePhone(value) === value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export function isDob(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

/** ISO 639-1 as a two-letter code Intl knows (§3 `language`). */
export function isLanguage(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[a-z]{2}$/.test(value)) return false;
  const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(value);
  return name !== undefined;
}

/** Time formats of §3 "Custom attribute types"; no offset means UTC. */
const TIME_FORMATS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(\d{4}-\d{2}-\d{2})$/, (m) => `${m[1]}T00:00:00Z`],
  [/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.:](\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/, (m) => `${m[1]}T${m[2]}${m[3] ? `.${m[3]}` : ''}${m[4] ?? 'Z'}`],
  [/^(\d{2})\/(\d{2})\/(\d{4})$/, (m) => `${m[3]}-${m[1]}-${m[2]}T00:00:00Z`],
];

/** Parses a Braze time string to epoch ms, or undefined when it is not one. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  for (const [pattern, toIso] of TIME_FORMATS) {
    const m = pattern.exec(value);
    if (!m) continue;
    const ms = Date.parse(toIso(m));
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** A year outside 0..3000 is kept as a string (§3 Time). */
export const isStorableTime = (ms: number) => {
  const year = new Date(ms).getUTCFullYear();
  return year >= 0 && year <= 3000;
};

export const byteLength = (value: string) => new TextEncoder().encode(value).byteLength;
export const jsonSize = (value: unknown) => byteLength(JSON.stringify(value) ?? '');
