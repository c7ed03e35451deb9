import type { Field, PublishedForm, Step } from '../types.ts';
import type { UiStrings } from '../i18n/index.ts';

export type { PublishedForm, FieldCode, FieldErrors, FieldIssue, Field } from '../types.ts';
export type FieldsStepConfig = Extract<Step, { fields: unknown }>;
export type SuccessStepConfig = Extract<Step, { success: unknown }>;
export type LocalizedText = string | Record<string, string>;
export type FieldOf<T extends Field['type']> = Extract<Field, { type: T }>;
export type Option = FieldOf<'choice'>['options'][number];

/** A field's value as held by the form: the submission contract's shape, before trimming. */
export type Value = string | string[] | boolean | PhoneValue;
export interface PhoneValue {
  number: string;
  country: string;
}

/** Picks the text for the visitor's language, falling back to its base language, then the first one given. */
export function text(value: LocalizedText | undefined, lang: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value[lang] ?? value[lang.slice(0, 2)] ?? Object.values(value)[0] ?? '';
}

export const optionValue = (option: Option): string => (typeof option === 'string' ? option : option.value);
export const optionLabel = (option: Option, lang: string): string => (typeof option === 'string' ? option : text(option.label, lang) || option.value);

/** Fills the `{n}` and `{m}` placeholders of a built-in string. */
export function format(strings: UiStrings, key: keyof UiStrings, n?: number, m?: number): string {
  return strings[key].replace('{n}', String(n ?? '')).replace('{m}', String(m ?? ''));
}
