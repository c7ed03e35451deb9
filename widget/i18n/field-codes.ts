/**
 * The built-in text for every field code the proxy or the widget may produce: a code is its own
 * string key, unless listed here. Typed against the proxy's closed union, so a new code that is
 * neither fails the type check, and test/widget/ui-i18n.test.ts fails it at run time too.
 */
import type { FieldCode } from '../types.ts';
import type { StringKey } from './strings.ts';

const SHARED = {
  invalid_type: 'invalid_value',
  unknown_field: 'invalid_value',
  invalid_country: 'invalid_option',
  invalid_gender: 'invalid_option',
  invalid_language: 'invalid_option',
  email_or_phone_required: 'email_or_phone',
  identity_required: 'sign_in_required',
  phone_required_for_sms: 'phone_for_sms',
  email_required_for_email: 'email_for_email',
  invalid_envelope: 'error',
  invalid_step: 'error',
  continuation_required: 'restart',
  invalid_continuation: 'restart',
  expired_continuation: 'restart',
} satisfies Partial<Record<FieldCode, StringKey>>;

/** Compile-time proof that every code has a text: this type must stay `never`. */
export type Untranslated = Exclude<FieldCode, StringKey | keyof typeof SHARED>;
const everyCodeHasAText: [Untranslated] extends [never] ? true : Untranslated = true;
void everyCodeHasAText;

/** The string key for a code; a code this widget does not know (a newer proxy) reads as the generic error. */
export const textKey = (code: string, strings: object): StringKey => (SHARED as Record<string, StringKey>)[code] ?? (code in strings ? (code as StringKey) : 'error');
