/**
 * Client-side checks that mirror the proxy's (proxy/submission/validate.ts), with the same issue
 * codes, so the visitor sees the error before a round trip and in the same words after one.
 */
import type { Field, FieldCode, PhoneValue, Value } from './form-types.ts';
import { optionValue } from './form-types.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const GENDERS = ['M', 'F', 'O', 'N', 'P'] as const;

export type PhoneCheck = (value: PhoneValue) => boolean;

export function isEmpty(value: Value | undefined): boolean {
  if (value === undefined || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && !value.number.trim();
}

// Braze's email rule is a small chunk of its own (widget/ui/email-rule.ts), fetched as soon as a form
// opens; in the moment before it arrives, the proxy's check alone decides (same code, same words).
let emailRule: ((value: string) => boolean) | undefined;
export const loadEmailRule = (): Promise<unknown> => import('./email-rule.ts').then((m) => (emailRule = m.isBrazeEmail));

/** Returns the issue code for a value, or undefined when it is acceptable. */
export function checkField(field: Field, value: Value | undefined, phoneValid?: PhoneCheck): FieldCode | undefined {
  if (field.type === 'hidden') return undefined;
  if (field.type === 'consent') return field.required && value !== true ? 'consent_required' : undefined;
  if (isEmpty(value)) return field.required && !(field.type === 'boolean' && value === false) ? 'required' : undefined;
  const str = typeof value === 'string' ? value.trim() : '';
  switch (field.type) {
    case 'email':
      return !emailRule || emailRule(str) ? undefined : 'invalid_email';
    case 'text':
      if (field.minLength !== undefined && str.length < field.minLength) return 'too_short';
      return str.length > field.maxLength ? 'too_long' : undefined;
    case 'number': {
      const n = Number(str);
      if (!Number.isFinite(n)) return 'invalid_number';
      if (field.integer && !Number.isInteger(n)) return 'not_integer';
      if (field.min !== undefined && n < field.min) return 'too_small';
      return field.max !== undefined && n > field.max ? 'too_large' : undefined;
    }
    case 'date': {
      const m = DATE.exec(str);
      const at = m && new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
      return at && +m[1]! >= 1900 && +m[1]! < 3000 && at.getUTCMonth() === +m[2]! - 1 && at.getUTCDate() === +m[3]! ? undefined : 'invalid_date';
    }
    case 'choice':
      return field.options.some((o) => optionValue(o) === str) ? undefined : 'invalid_option';
    case 'choices': {
      const picked = value as string[];
      if (picked.some((v) => !field.options.some((o) => optionValue(o) === v))) return 'invalid_option';
      if (field.minSelected !== undefined && picked.length < field.minSelected) return 'too_few';
      return field.maxSelected !== undefined && picked.length > field.maxSelected ? 'too_many' : undefined;
    }
    case 'gender':
      return (GENDERS as readonly string[]).includes(str) ? undefined : 'invalid_gender';
    case 'language':
    case 'country':
      return field.options && !field.options.includes(str) ? (`invalid_${field.type}` as const) : undefined;
    case 'phone':
      return phoneValid && !phoneValid(value as PhoneValue) ? 'invalid_phone' : undefined;
    default:
      return undefined;
  }
}

/** The limit a code's message refers to (`{n}`), taken from the field's config. */
export function limitOf(field: Field, code: FieldCode): number | undefined {
  const f = field as Partial<Record<'minLength' | 'maxLength' | 'min' | 'max' | 'minSelected' | 'maxSelected', number>>;
  const key = ({ too_short: 'minLength', too_long: 'maxLength', too_small: 'min', too_large: 'max', too_few: 'minSelected', too_many: 'maxSelected' } as const)[code as 'too_short'];
  return key ? f[key] : undefined;
}

/** The value as the proxy expects it (see the contract in proxy/config/form-schema.ts). */
export function toSubmitted(field: Field, value: Value): unknown {
  if (typeof value === 'string') return field.type === 'number' ? Number(value.trim()) : value.trim();
  if (typeof value === 'object' && !Array.isArray(value)) return { number: value.number.trim(), country: value.country };
  return value;
}
