/**
 * The consent rules (docs/consent.md, "Consent rules"), in one place: the table below decides, per
 * channel, what a step may do to its subscription group, and the start-up refusals are derived from
 * its `refuse` rows, with the placement and double opt-in refusals beside them. A capture form only
 * ever adds consent: no row can produce `unsubscribed`.
 */
import type { BrazeSubscriptionGroup } from '../braze/types.ts';
import type { Field, FieldsStep, PublishedForm } from '../config/form-schema.ts';
import type { SiteConfig } from '../config/site-schema.ts';
import type { MessagingTrigger } from '../delivery/types.ts';
import type { FieldErrors } from '../errors.ts';
import { issue, type FieldValue } from '../submission/field-checks.ts';

export type Channel = 'email' | 'sms';
/** How consent was given: ticked box, submitted address with no box, or awaiting the email confirmation. */
export type ConsentKind = 'explicit' | 'implicit' | 'pending_confirmation';
type Policy = SiteConfig['consent']['email'];

/**
 * One row per case, first match wins. `group`: the site has the channel's subscription group; `box`:
 * the form shows a consent box for the channel; `ticked`: the box was ticked in this step (a box in
 * another step counts as not ticked here); `policy`: `sites.<id>.consent.<channel>`.
 *
 *  - `nothing`: the address is stored as a plain attribute, no subscription (rules 1, 2).
 *  - `subscribe`: the step joins the group, consent given as `kind` (rule 4).
 *  - `declined`: no subscription change, recorded as not given.
 *  - `refuse`: the config is refused at start-up (`refusal` says why): the case cannot occur at runtime.
 *
 * Then, for a `subscribe`: no known address → the step is refused with a field error (rule 3); email
 * double opt-in → nothing is set until the confirmation is clicked (rule 5); SMS double opt-in → the
 * group is sent with `use_double_opt_in_logic`.
 */
export const CONSENT_RULES: readonly ConsentRule[] = [
  { group: false, box: false, then: 'nothing' },
  { group: false, box: true, then: 'refuse', refusal: 'no_group_for_box' },
  { group: true, box: false, policy: 'implicit', submitted: true, then: 'subscribe', kind: 'implicit' },
  { group: true, box: false, policy: 'implicit', submitted: false, then: 'nothing' },
  { group: true, box: false, policy: 'explicit', then: 'refuse', refusal: 'box_required' },
  { group: true, box: true, ticked: true, then: 'subscribe', kind: 'explicit' },
  { group: true, box: true, ticked: false, then: 'declined' },
];

export interface ConsentRule {
  group: boolean;
  box: boolean;
  ticked?: boolean;
  policy?: Policy;
  /** The step submitted the channel's address (implicit consent needs one). */
  submitted?: boolean;
  then: 'nothing' | 'subscribe' | 'declined' | 'refuse';
  kind?: 'explicit' | 'implicit';
  refusal?: 'no_group_for_box' | 'box_required';
}

interface Case {
  group: boolean;
  box: boolean;
  ticked: boolean;
  policy: Policy;
  submitted: boolean;
}

export function ruleFor(c: Case): ConsentRule {
  const rule = CONSENT_RULES.find((r) => r.group === c.group && r.box === c.box && (r.ticked ?? c.ticked) === c.ticked && (r.policy ?? c.policy) === c.policy && (r.submitted ?? c.submitted) === c.submitted);
  // The table covers every combination; the consent-matrix test walks them all.
  if (!rule) throw new Error(`no consent rule for ${JSON.stringify(c)}`);
  return rule;
}

const ADDRESS_FIELD = { email: 'email', sms: 'phone' } as const;

// ---- At submission: what a validated step does to the subscription groups ----

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
  /** A consent was given but its address is unknown: the step is refused (rule 3, `missingAddressErrors`). */
  missingAddress?: Channel;
}

const consentField = (fields: Field[], channel: Channel) => fields.find((f): f is Extract<Field, { type: 'consent' }> => f.type === 'consent' && f.channel === channel);

export function decideConsent(input: ConsentInput): ConsentDecision {
  const { site, form, step, values, known } = input;
  const formFields = form.steps.flatMap((s) => ('fields' in s ? s.fields : []));
  const out: ConsentDecision = { groups: [], given: {}, declined: [], confirmEmail: false };

  for (const channel of ['email', 'sms'] as const) {
    const group = site.subscriptionGroups[channel];
    const box = consentField(formFields, channel);
    const boxHere = box && step.fields.includes(box) ? box : undefined;
    const ticked = boxHere !== undefined && values[boxHere.name] === true;
    if (boxHere && !ticked) out.declined.push(channel);
    const submitted = step.fields.some((f) => f.type === ADDRESS_FIELD[channel] && values[f.name] !== undefined);
    const rule = ruleFor({ group: Boolean(group), box: Boolean(box), ticked, policy: site.consent[channel], submitted });
    if (rule.then !== 'subscribe') continue;
    if (!(channel === 'email' ? known.email : known.phone)) {
      out.missingAddress ??= channel;
      continue;
    }
    if (channel === 'email' && site.consent.emailDoubleOptIn) {
      out.given.email = 'pending_confirmation';
      out.confirmEmail = true;
      continue;
    }
    out.given[channel] = rule.kind!;
    const entry: BrazeSubscriptionGroup = { subscription_group_id: group!, subscription_state: 'subscribed' };
    if (channel === 'sms' && site.consent.smsDoubleOptIn) entry.use_double_opt_in_logic = true;
    out.groups.push(entry);
  }
  return out;
}

/** Rule 3: a consent given without its address is a field error on the address (or the box). */
export function missingAddressErrors(step: FieldsStep, channel: Channel): FieldErrors {
  const address = step.fields.find((f) => f.type === ADDRESS_FIELD[channel]);
  const box = step.fields.find((f) => f.type === 'consent' && f.channel === channel);
  const name = address?.name ?? box?.name ?? channel;
  return channel === 'sms'
    ? { [name]: [issue('phone_required_for_sms', 'Enter your phone number to get text messages.')] }
    : { [name]: [issue('email_required_for_email', 'Enter your email address to get emails.')] };
}

/** Rule 5: the message that subscribes an email once its owner clicks, sent by delivery after the track call. */
export function confirmationTrigger(site: Pick<SiteConfig, 'subscriptionGroups' | 'consent'>, email: string, formId: string, submissionId: string): MessagingTrigger | undefined {
  const optIn = site.consent.emailDoubleOptIn;
  if (!optIn) return undefined;
  return {
    ...('canvasId' in optIn ? { kind: 'canvas' as const, id: optIn.canvasId } : { kind: 'campaign' as const, id: optIn.campaignId }),
    recipient: { email },
    properties: { form_id: formId, submission_id: submissionId, subscription_group_id: site.subscriptionGroups.email! },
  };
}

// ---- At start-up: the refusals ----

export interface ConsentRefusal {
  path: (string | number)[];
  message: string;
}

/** A site's double opt-in settings need the group they confirm. */
export function siteConsentRefusals(site: Pick<SiteConfig, 'subscriptionGroups' | 'consent'>, id: string): ConsentRefusal[] {
  const out: ConsentRefusal[] = [];
  if (site.consent.emailDoubleOptIn && !site.subscriptionGroups.email) {
    out.push({ path: ['sites', id, 'consent', 'emailDoubleOptIn'], message: `email double opt-in confirms a subscription to sites.${id}.subscriptionGroups.email; set that group or remove emailDoubleOptIn` });
  }
  if (site.consent.smsDoubleOptIn && !site.subscriptionGroups.sms) {
    out.push({ path: ['sites', id, 'consent', 'smsDoubleOptIn'], message: `SMS double opt-in needs sites.${id}.subscriptionGroups.sms; set that group or remove smsDoubleOptIn` });
  }
  return out;
}

type Located = { field: Field; step: number; index: number };

/**
 * A form's consent boxes against its site: the table's `refuse` rows (a box without a group, an
 * `explicit` policy without a box), then where a box may sit (one per channel, with and not before
 * its address field). Paths are relative to the form.
 */
export function formConsentRefusals(all: readonly Located[], site: Pick<SiteConfig, 'subscriptionGroups' | 'consent'>, siteId: string): ConsentRefusal[] {
  const out: ConsentRefusal[] = [];
  const at = (f: Located, ...rest: (string | number)[]) => ['steps', f.step, 'fields', f.index, ...rest];
  for (const channel of ['email', 'sms'] as const) {
    const address = all.find((f) => f.field.type === ADDRESS_FIELD[channel]);
    const consents = all.filter((f) => f.field.type === 'consent' && f.field.channel === channel);
    const group = site.subscriptionGroups[channel];
    const what = channel === 'email' ? 'an email' : 'an SMS';
    for (const extra of consents.slice(1)) out.push({ path: at(extra, 'channel'), message: `a form has at most one ${channel} consent field` });
    const consent = consents[0];
    // Only a form that asks for the address can reach the `explicit` row without a box.
    const rule = consent || address ? ruleFor({ group: Boolean(group), box: Boolean(consent), ticked: false, policy: site.consent[channel], submitted: true }) : undefined;
    if (rule?.refusal === 'no_group_for_box') {
      out.push({ path: at(consent!, 'channel'), message: `${what} consent field needs sites.${siteId}.subscriptionGroups.${channel}: without the group, ticking it would give no consent; add the group id from Braze › Audience › Subscriptions or remove the field` });
    }
    if (rule?.refusal === 'box_required') {
      out.push({ path: at(address!, 'type'), message: `sites.${siteId}.consent.${channel} is "explicit", so a form that asks for ${channel === 'email' ? 'an email' : 'a phone'} must show ${what} consent field ({ "type": "consent", "channel": "${channel}", … }); add one` });
    }
    if (consent && !address) out.push({ path: at(consent, 'channel'), message: `${what} consent field needs a ${ADDRESS_FIELD[channel]} field in the same form` });
    if (consent && address && consent.step < address.step) out.push({ path: at(consent, 'channel'), message: `put the ${channel} consent field in the step of the ${ADDRESS_FIELD[channel]} field or a later one` });
  }
  return out;
}
