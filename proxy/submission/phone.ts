/**
 * Phone numbers to E.164, checked with the full libphonenumber metadata (what Braze validates with,
 * braze-api.md §3). A number typed without a country prefix is read in the country the visitor
 * picked, else the field's default country, else the visitor's country as the edge saw it.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { FieldCode, FieldIssue } from '../errors.ts';
import type { PhoneField } from '../config/form-schema.ts';
import type * as z from 'zod';

const issue = (code: FieldCode, message: string): FieldIssue => ({ code, message });

export function normalisePhone(field: z.output<typeof PhoneField>, raw: unknown, edgeCountry: string | undefined): { value: string } | { issue: FieldIssue } {
  let text: unknown = raw;
  let picked: string | undefined;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const { number, country } = raw as Record<string, unknown>;
    if (country !== undefined && (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country))) return { issue: issue('invalid_country', 'Choose a country from the list.') };
    text = number;
    picked = country;
  }
  if (typeof text !== 'string') return { issue: issue('invalid_type', 'Enter a phone number.') };
  if (text.length > 40) return { issue: issue('invalid_phone', 'Enter a valid phone number.') };
  if (picked && field.countries && !field.countries.includes(picked)) return { issue: issue('invalid_country', 'Choose a country from the list.') };
  // "00" is the international prefix people type in most of the world; libphonenumber only knows it for the default country.
  const typed = text.trim().replace(/^00(?=[1-9])/, '+');
  const country = (picked ?? field.defaultCountry ?? edgeCountry) as CountryCode | undefined;
  const parsed = parsePhoneNumberFromString(typed, country);
  if (!parsed || !parsed.isValid()) {
    const hint = !typed.startsWith('+') && !country ? ' Start it with + and the country code.' : '';
    return { issue: issue('invalid_phone', `Enter a valid phone number.${hint}`) };
  }
  if (field.countries && (!parsed.country || !field.countries.includes(parsed.country))) {
    return { issue: issue('invalid_country', 'Numbers from this country are not accepted here.') };
  }
  return { value: parsed.number };
}
