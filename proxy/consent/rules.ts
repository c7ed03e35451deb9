/**
 * The consent rules (docs/consent.md, "Consent rules"), as one pure function from a validated step to the
 * `subscription_groups` it may set. A capture form only ever adds consent: nothing here can
 * produce `unsubscribed`.
 */
import type { BrazeSubscriptionGroup } from '../braze/types.ts';
import type { Field, FieldsStep, PublishedForm } from '../config/form-schema.ts';
import type { SiteConfig } from '../config/site-schema.ts';
import type { FieldValue } from '../submission/field-checks.ts';

export type Channel = 'email' | 'sms';
/** How consent was given: ticked box, submitted address with no box, or awaiting the email confirmation. */
export type ConsentKind = 'explicit' | 'implicit' | 'pending_confirmation';

export interface ConsentInput {
  site: Pick<SiteConfig, 'subscriptionGroups' | 'consent'>;
  form: PublishedForm;
  step: FieldsStep;
  /** This step's validated values. */
  values: Record<string, FieldValue>;
  /** Addresses known for the visitor: given in this step or carried from step 1 (phone in E.164). */
  known: { email?: string; phone?: string };
}

export interface ConsentDecision {
  groups: BrazeSubscriptionGroup[];
  given: Partial<Record<Channel, ConsentKind>>;
  /** Consent boxes shown in this step and left unticked. */
  declined: Channel[];
  /** The email double opt-in Canvas/Campaign must be triggered. */
  confirmEmail: boolean;
  /** A consent box was ticked but its address is unknown: the caller refuses the step (rule 3). */
  missingAddress?: Channel;
}

const consentField = (fields: Field[], channel: Channel) => fields.find((f): f is Extract<Field, { type: 'consent' }> => f.type === 'consent' && f.channel === channel);

export function decideConsent(input: ConsentInput): ConsentDecision {
  const { site, form, step, values, known } = input;
  const formFields = form.steps.flatMap((s) => ('fields' in s ? s.fields : []));
  const out: ConsentDecision = { groups: [], given: {}, declined: [], confirmEmail: false };
  const submitted = (type: 'email' | 'phone') => step.fields.some((f) => f.type === type && values[f.name] !== undefined);

  for (const channel of ['email', 'sms'] as const) {
    const group = site.subscriptionGroups[channel];
    const box = consentField(formFields, channel);
    const boxHere = box && step.fields.includes(box) ? box : undefined;
    const ticked = boxHere !== undefined && values[boxHere.name] === true;
    if (boxHere && !ticked) out.declined.push(channel);
    // Rules 1 and 2: no group, no consent; the address is stored as a plain attribute.
    if (!group) continue;
    const address = channel === 'email' ? known.email : known.phone;
    let kind: ConsentKind | undefined;
    if (box) {
      if (ticked) kind = 'explicit';
    } else if (site.consent[channel] === 'implicit' && submitted(channel === 'email' ? 'email' : 'phone')) {
      kind = 'implicit';
    }
    if (!kind) continue;
    if (!address) {
      out.missingAddress ??= channel;
      continue;
    }
    if (channel === 'email' && site.consent.emailDoubleOptIn) {
      // Rule 5: the confirmation message subscribes the visitor once they click; until then, nothing is set.
      out.given.email = 'pending_confirmation';
      out.confirmEmail = true;
      continue;
    }
    out.given[channel] = kind;
    const entry: BrazeSubscriptionGroup = { subscription_group_id: group, subscription_state: 'subscribed' };
    if (channel === 'sms' && site.consent.smsDoubleOptIn) entry.use_double_opt_in_logic = true;
    out.groups.push(entry);
  }
  return out;
}
