/**
 * Turns validated values into Braze `/users/track` objects. The email is the identifier, so Braze
 * resolves it to the existing profile or creates an email-only one (braze-api.md §2.2).
 */
import type { FieldsStep } from '../config/form-schema.ts';
import type { BrazeAttributesObject } from '../braze/types.ts';
import type { PreparedSubmission } from '../delivery/types.ts';
import type { SubmissionEnvelope } from './envelope.ts';
import type { FieldValue } from './validate.ts';

export function mapSubmission(
  envelope: SubmissionEnvelope,
  step: FieldsStep,
  values: Record<string, FieldValue>,
  receivedAt: number,
): PreparedSubmission | null {
  const emailField = step.fields.find((f) => f.type === 'email');
  const email = emailField ? values[emailField.name] : undefined;
  if (typeof email !== 'string') return null;
  const attributes: BrazeAttributesObject = { email };
  for (const field of step.fields) {
    if (field.type === 'text' && field.attribute && values[field.name] !== undefined) attributes[field.attribute] = values[field.name];
  }
  return { id: envelope.id, site: envelope.site, identity: `email:${email}`, attributes: [attributes], events: [], receivedAt };
}
