/**
 * The pure core of a submission: (envelope, published form, site config, edge info, carried
 * identity) → the Braze objects to deliver, or field errors. No I/O, so every rule is unit-testable.
 */
import type { BrazeAttributesObject } from '../braze/types.ts';
import type { FieldsStep, PublishedForm } from '../config/form-schema.ts';
import type { SiteConfig } from '../config/site-schema.ts';
import { confirmationTrigger, decideConsent, missingAddressErrors } from '../consent/rules.ts';
import { proofEvent, type TextHashes } from '../consent/proof.ts';
import type { PreparedSubmission } from '../delivery/types.ts';
import type { FieldErrors } from '../errors.ts';
import { resolveIdentity } from '../identity/resolve.ts';
import { mapContext } from '../mapping/context.ts';
import { mapFields } from '../mapping/attributes.ts';
import type { CarriedIdentity } from './continuation.ts';
import type { SubmissionEnvelope } from './envelope.ts';
import { issue } from './field-checks.ts';
import { validateStep } from './validate.ts';

export interface EdgeInfo {
  /** ISO 3166-1 alpha-2 country of the visitor, when the runtime knows it. */
  country?: string;
}

export interface PrepareInput {
  envelope: SubmissionEnvelope;
  site: SiteConfig;
  form: PublishedForm;
  edge: EdgeInfo;
  /** Identity from the continuation token, for steps after the first. */
  carried?: CarriedIdentity;
  /** An external_id whose signature was verified. */
  externalId?: string;
  hashes: TextHashes;
  receivedAt: number;
}

export type Prepared = { ok: true; submission: PreparedSubmission; carried: CarriedIdentity } | { ok: false; fields: FieldErrors };

export function prepareSubmission(input: PrepareInput): Prepared {
  const { envelope, site, form } = input;
  const step = form.steps[envelope.step] as FieldsStep;
  const { values, errors } = validateStep(step, envelope.fields, input.edge.country);
  if (errors) return { ok: false, fields: errors };

  const given = { email: valueOf(step, values, 'email'), phone: valueOf(step, values, 'phone') };
  const identity = resolveIdentity(input.carried, given, input.externalId);
  if (!identity) return { ok: false, fields: identityMissing(step) };

  const decision = decideConsent({ site, form, step, values, known: { email: identity.carried.email, phone: identity.carried.phone } });
  if (decision.missingAddress) return { ok: false, fields: missingAddressErrors(step, decision.missingAddress) };

  const attributes: BrazeAttributesObject = { ...identity.identifier, ...mapFields(step, values, site) };
  if (!input.carried) Object.assign(attributes, mapContext(site.context, envelope.context));
  if (decision.groups.length) attributes.subscription_groups = decision.groups;

  const event = proofEvent({
    eventName: site.event,
    form,
    stepIndex: envelope.step,
    step,
    decision,
    hashes: input.hashes,
    submissionId: envelope.id,
    variant: envelope.variant,
    lang: envelope.lang,
    page: envelope.page,
    shownVersions: envelope.consentVersions,
    receivedAt: input.receivedAt,
  });

  const submission: PreparedSubmission = {
    id: envelope.id,
    site: envelope.site,
    identity: identity.key,
    attributes: [attributes],
    events: [{ ...identity.identifier, ...event }],
    receivedAt: input.receivedAt,
  };
  const trigger = decision.confirmEmail && identity.carried.email ? confirmationTrigger(site, identity.carried.email, form.id, envelope.id) : undefined;
  if (trigger) submission.triggers = [trigger];
  return { ok: true, submission, carried: identity.carried };
}

function valueOf(step: FieldsStep, values: Record<string, unknown>, type: 'email' | 'phone'): string | undefined {
  const field = step.fields.find((f) => f.type === type);
  const value = field ? values[field.name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function identityMissing(step: FieldsStep): FieldErrors {
  const email = step.fields.find((f) => f.type === 'email');
  const phone = step.fields.find((f) => f.type === 'phone');
  if (email && phone) return { [email.name]: [issue('email_or_phone_required', 'Enter an email address or a phone number.')] };
  if (email) return { [email.name]: [issue('required', 'This field is required.')] };
  if (phone) return { [phone.name]: [issue('required', 'This field is required.')] };
  return { externalId: [issue('identity_required', 'This form is for signed-in visitors; sign in and try again.')] };
}

