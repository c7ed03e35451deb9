/**
 * Proof of consent (docs/consent.md, "Consent rules" → "Proof of consent"): every accepted step sends a custom event saying which
 * consents were given, under which disclosure (version and SHA-256 of the exact text shown, in the
 * visitor's language), on which page and when.
 */
import type { BrazeEvent } from '../braze/types.ts';
import type { Field, FieldsStep, PublishedForm } from '../config/form-schema.ts';
import type { LocalizedText } from '../config/text.ts';
import { sha256Hex } from '../identity/hmac.ts';
import type { Channel, ConsentDecision } from './rules.ts';

/** SHA-256 of every text a form can show as a disclosure, computed once per published form. */
export type TextHashes = ReadonlyMap<string, string>;

/** The text a visitor saw: their language, its base language, the form's first language, then any. */
export function pickText(value: LocalizedText | undefined, lang: string | undefined, form: PublishedForm): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  const wanted = [lang, lang?.slice(0, 2), ...(form.languages ?? [])].filter((l): l is string => Boolean(l));
  for (const l of wanted) if (value[l] !== undefined) return value[l];
  return Object.values(value)[0];
}

/** What implicit consent was given under: the step's own title, body and button text. */
export function stepText(step: FieldsStep, lang: string | undefined, form: PublishedForm): string {
  return [step.text?.title, step.text?.body, step.text?.submit].map((t) => pickText(t, lang, form) ?? '').join('\n');
}

const cache = new WeakMap<PublishedForm, Promise<TextHashes>>();

export function textHashes(form: PublishedForm): Promise<TextHashes> {
  let hashes = cache.get(form);
  if (!hashes) cache.set(form, (hashes = computeHashes(form)));
  return hashes;
}

async function computeHashes(form: PublishedForm): Promise<TextHashes> {
  const texts = new Set<string>();
  const langsOf = (...values: (LocalizedText | undefined)[]) => new Set([undefined, ...values.flatMap((v) => (v && typeof v === 'object' ? Object.keys(v) : []))]);
  for (const step of form.steps) {
    if (!('fields' in step)) continue;
    for (const lang of langsOf(step.text?.title, step.text?.body, step.text?.submit)) texts.add(stepText(step, lang, form));
    for (const field of step.fields) {
      if (field.type !== 'consent') continue;
      for (const lang of langsOf(field.disclosure)) texts.add(pickText(field.disclosure, lang, form) ?? '');
    }
  }
  return new Map(await Promise.all([...texts].map(async (t) => [t, await sha256Hex(t)] as const)));
}

export interface ProofInput {
  eventName: string;
  form: PublishedForm;
  stepIndex: number;
  step: FieldsStep;
  decision: ConsentDecision;
  hashes: TextHashes;
  submissionId: string;
  variant?: string;
  lang?: string;
  page?: string;
  /** Disclosure versions the widget rendered, by consent field name. */
  shownVersions?: Record<string, string>;
  receivedAt: number;
}

type ConsentField = Extract<Field, { type: 'consent' }>;

export function proofEvent(input: ProofInput): Omit<BrazeEvent, 'email' | 'phone' | 'external_id'> {
  const { form, step, decision, hashes, lang } = input;
  const time = new Date(input.receivedAt).toISOString();
  const properties: Record<string, unknown> = {
    form_id: form.id,
    step: input.stepIndex,
    submission_id: input.submissionId,
    consents: (['email', 'sms'] as const).filter((c) => decision.given[c] !== undefined),
    consented_at: time,
  };
  if (input.variant) properties.variant = input.variant;
  if (lang) properties.language = lang;
  // Braze event string values are 255 characters or fewer (braze-api.md §2.1).
  if (input.page) properties.page_url = input.page.slice(0, 255);
  for (const channel of ['email', 'sms'] as const) {
    const box = step.fields.find((f): f is ConsentField => f.type === 'consent' && f.channel === channel);
    const kind = decision.given[channel];
    if (kind) properties[`${channel}_consent`] = kind;
    else if (decision.declined.includes(channel)) properties[`${channel}_consent`] = 'not_given';
    if (box) Object.assign(properties, disclosure(channel, box, input, hashes));
    else if (kind === 'implicit' || (channel === 'email' && kind === 'pending_confirmation')) {
      properties[`${channel}_disclosure_hash`] = hashes.get(stepText(step, lang, form));
      properties[`${channel}_disclosure_version`] = `${form.id}#step${input.stepIndex}`;
    }
  }
  if (decision.groups.some((g) => g.use_double_opt_in_logic)) properties.sms_double_opt_in = true;
  return { name: input.eventName, time, properties };
}

function disclosure(channel: Channel, box: ConsentField, input: ProofInput, hashes: TextHashes): Record<string, unknown> {
  const shown = input.shownVersions?.[box.name];
  const out: Record<string, unknown> = { [`${channel}_disclosure_version`]: shown ?? box.version };
  if (shown === undefined || shown === box.version) out[`${channel}_disclosure_hash`] = hashes.get(pickText(box.disclosure, input.lang, input.form) ?? '');
  // A page open since before a publish showed an older text, whose exact wording is no longer here.
  else out[`${channel}_disclosure_published_version`] = box.version;
  return out;
}
