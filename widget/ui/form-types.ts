import type { PublishedForm, Step } from '../types.ts';

export type { PublishedForm, FieldErrors, Field } from '../types.ts';
export type FieldsStepConfig = Extract<Step, { fields: unknown }>;
export type LocalizedText = string | Record<string, string>;

/** Picks the text for the visitor's language, falling back to the first one given. */
export function text(value: LocalizedText | undefined, lang: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value[lang] ?? value[lang.slice(0, 2)] ?? Object.values(value)[0] ?? '';
}
