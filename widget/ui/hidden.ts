import type { FieldOf } from './form-types.ts';

/** A hidden field's value: from the loader's visit context when it has one, else from this page. */
export function hiddenValue(field: FieldOf<'hidden'>, context: Record<string, string | number> = {}): string {
  if (field.source === 'constant') return field.value ?? '';
  const known = context[field.source];
  if (known !== undefined) return String(known);
  if (field.source === 'page' || field.source === 'landing_page') return location.href;
  if (field.source === 'referrer') return document.referrer;
  return new URLSearchParams(location.search).get(field.source) ?? '';
}
