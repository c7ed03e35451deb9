/**
 * Validated field values to Braze profile attributes. Empty answers are not sent: a capture form
 * only adds data, it never erases what the profile already holds.
 */
import type { BrazeAttributeValue } from '../braze/types.ts';
import type { FieldsStep } from '../config/form-schema.ts';
import type { SiteConfig } from '../config/site-schema.ts';
import { attributeOf, customAttributeTypes } from '../config/form-rules.ts';
import { STANDARD_ATTRIBUTES } from '../config/braze-attributes.ts';
import type { FieldValue } from '../submission/field-checks.ts';

export function mapFields(step: FieldsStep, values: Record<string, FieldValue>, site: Pick<SiteConfig, 'attributes' | 'context'>): Record<string, BrazeAttributeValue> {
  const out: Record<string, BrazeAttributeValue> = {};
  const types = customAttributeTypes(site);
  for (const field of step.fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    switch (field.type) {
      case 'consent':
      case 'email':
        continue; // consent becomes subscription groups; the email is the identifier (identity/).
      case 'phone':
      case 'language':
      case 'gender':
      case 'country':
        out[field.type] = value;
        continue;
      default: {
        const name = attributeOf(field)!;
        const type = types.get(name);
        // A custom date as full ISO-8601, so Braze stores a time and not a string (braze-api.md §3).
        if (type === 'date' && typeof value === 'string') out[name] = `${value}T00:00:00.000Z`;
        else if (type === 'string[]' && Array.isArray(value)) out[name] = site.attributes[name]?.mode === 'replace' ? value : { add: value };
        else if (name in STANDARD_ATTRIBUTES || type) out[name] = value;
      }
    }
  }
  return out;
}
