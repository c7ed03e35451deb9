/**
 * Field validation derived from the published form: unknown fields refused, then each field of the
 * step checked by its type. Errors carry stable codes the widget translates.
 */
import type { FieldsStep } from '../config/form-schema.ts';
import type { FieldErrors } from '../errors.ts';
import { checkField, issue, type FieldValue } from './field-checks.ts';

export type { FieldValue } from './field-checks.ts';

export function validateStep(step: FieldsStep, input: Record<string, unknown>, edgeCountry?: string): { values: Record<string, FieldValue>; errors?: FieldErrors } {
  // No prototype: a field named "__proto__" stays an ordinary key and is refused like any unknown one.
  const errors: FieldErrors = Object.create(null);
  const values: Record<string, FieldValue> = {};
  const known = new Set(step.fields.map((f) => f.name));
  for (const name of Object.keys(input)) {
    if (!known.has(name)) errors[name] = [issue('unknown_field', `"${name}" is not a field of this form step.`)];
  }
  for (const field of step.fields) {
    const result = checkField(field, Object.hasOwn(input, field.name) ? input[field.name] : undefined, edgeCountry);
    if ('issue' in result) errors[field.name] = [result.issue];
    else if ('value' in result) values[field.name] = result.value;
  }
  return Object.keys(errors).length ? { values, errors } : { values };
}
