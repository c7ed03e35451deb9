/**
 * Field validation derived from the published form: unknown fields refused, required fields,
 * lengths and email syntax. Errors carry stable codes the widget translates.
 */
import type { Field, FieldsStep } from '../config/form-schema.ts';
import type { FieldErrors, FieldIssue } from '../errors.ts';

export type FieldValue = string | number | boolean | string[];

// Same rule Braze applies in spirit: one @, no whitespace, a dot in the domain (braze-api.md §3).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const issue = (code: string, message: string): FieldIssue => ({ code, message });

function checkField(field: Field, raw: unknown): { value?: FieldValue; issue?: FieldIssue } {
  const empty = raw === undefined || raw === null || raw === '';
  if (empty) return 'required' in field && field.required ? { issue: issue('required', 'This field is required.') } : {};
  if (typeof raw !== 'string') return { issue: issue('invalid_type', 'Expected text.') };
  const value = raw.trim();
  switch (field.type) {
    case 'email':
      if (value.length > 254 || !EMAIL.test(value)) return { issue: issue('invalid_email', 'Enter a valid email address.') };
      return { value: value.toLowerCase() };
    case 'text':
      if (value.length > field.maxLength) return { issue: issue('too_long', `Use at most ${field.maxLength} characters.`) };
      return { value };
    default:
      return { issue: issue('unsupported', `Fields of type "${field.type}" are not accepted yet.`) };
  }
}

export function validateStep(step: FieldsStep, input: Record<string, unknown>): { values: Record<string, FieldValue>; errors?: FieldErrors } {
  const errors: FieldErrors = {};
  const values: Record<string, FieldValue> = {};
  const known = new Set(step.fields.map((f) => f.name));
  for (const name of Object.keys(input)) {
    if (!known.has(name)) errors[name] = [issue('unknown_field', `"${name}" is not a field of this form step.`)];
  }
  for (const field of step.fields) {
    const result = checkField(field, input[field.name]);
    if (result.issue) errors[field.name] = [result.issue];
    else if (result.value !== undefined) values[field.name] = result.value;
  }
  return Object.keys(errors).length ? { values, errors } : { values };
}
