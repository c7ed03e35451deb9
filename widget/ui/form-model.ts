/**
 * A form's state as signals, outside any component: components read it and call its actions.
 * Each field step is submitted on its own, with only its fields and a fresh submission id; later
 * steps carry the proxy's continuation token instead of repeating the identity.
 */
import { batch, computed, signal } from '@preact/signals-core';
import type { FieldIssue, FieldsStepConfig, PublishedForm, Value } from './form-types.ts';
import type { MountOptions } from '../types.ts';
import type { StringKey } from '../i18n/index.ts';
import { postSubmission, type OfferAnswer } from './submit.ts';
import { checkField, isEmpty, loadEmailRule, toSubmitted } from './validate.ts';
import { hiddenValue } from './hidden.ts';
import { loadPhone, localeCountry, phoneLib } from './phone.ts';
import { emit } from './events.ts';
import { createChallenge } from './turnstile.ts';

export type Status = 'editing' | 'submitting' | 'done';

export interface FormModelOptions extends MountOptions {
  lang: string;
}

export function createFormModel(form: PublishedForm, options: FormModelOptions) {
  void loadEmailRule();
  const stepIndex = signal(0);
  const values = signal<Record<string, Value>>(prefill(form, options));
  const errors = signal<Record<string, FieldIssue[]>>({});
  /** A form-level problem, as a built-in string key. */
  const message = signal<StringKey | undefined>(undefined);
  const status = signal<Status>('editing');
  /** Bumped when the view should move focus to the first invalid field. */
  const invalidAt = signal(0);
  const honeypot = signal('');
  const copied = signal(false);
  /** The code or wheel prize the proxy returned with the sign-up; `spun` once the wheel came to rest. */
  const offer = signal<OfferAnswer | undefined>(undefined);
  const spun = signal(false);
  /** Consent channels the visitor ticked in steps the proxy accepted: the success text may depend on them. */
  const consented = signal<string[]>([]);
  const shownAt = Date.now();
  let continuation: string | undefined;
  let attemptId: string | undefined;
  /** Cloudflare Turnstile, when the site verifies it: its token goes with the first step only. */
  const challenge = form.turnstile && createChallenge(form.turnstile.siteKey, options.nonce);

  const step = computed(() => form.steps[stepIndex.value]);
  const fieldsStep = computed(() => fieldsAt(form, stepIndex.value));
  const isLastFields = computed(() => !fieldsAt(form, stepIndex.value + 1));
  const detail = () => ({ form: form.id, variant: options.variant, layout: form.layout, step: stepIndex.value });

  // Load the phone chunk as soon as a phone field is about to render: now, or when the step before it is sent.
  const preparePhone = (index: number) => fieldsAt(form, index)?.fields.some((f) => f.type === 'phone') && void loadPhone();
  preparePhone(0);

  function setValue(name: string, value: Value) {
    batch(() => {
      values.value = { ...values.value, [name]: value };
      if (errors.value[name]) {
        const { [name]: _, ...rest } = errors.value;
        errors.value = rest;
      }
    });
  }

  function advance() {
    batch(() => {
      stepIndex.value += 1;
      errors.value = {};
      message.value = undefined;
      status.value = fieldsAt(form, stepIndex.value) ? 'editing' : 'done';
    });
    emit(options, 'step', detail());
  }

  function validate(current: FieldsStepConfig): Record<string, FieldIssue[]> {
    const lib = phoneLib.value;
    const phoneValid = lib && ((v: { number: string; country: string }) => lib.isValidPhoneNumber(v.number, v.country as 'FR'));
    const found: Record<string, FieldIssue[]> = {};
    for (const field of current.fields) {
      const code = checkField(field, values.value[field.name], phoneValid);
      if (code) found[field.name] = [{ code, message: '' }];
    }
    return found;
  }

  async function submit() {
    const current = fieldsStep.value;
    if (!current || status.value === 'submitting') return;
    const found = validate(current);
    if (Object.keys(found).length) {
      batch(() => {
        errors.value = found;
        invalidAt.value += 1;
      });
      return;
    }
    const fields: Record<string, unknown> = {};
    const consentVersions: Record<string, string> = {};
    for (const field of current.fields) {
      if (field.type === 'hidden') {
        const value = hiddenValue(field, options.context);
        if (value) fields[field.name] = value;
        continue;
      }
      // The disclosure was shown whether or not the box was ticked: its version is part of the proof.
      if (field.type === 'consent') consentVersions[field.name] = field.version;
      const value = values.value[field.name];
      if (!isEmpty(value) || (field.type === 'boolean' && value === false)) fields[field.name] = toSubmitted(field, value!);
    }
    const index = stepIndex.value;
    status.value = 'submitting';
    const check = index ? undefined : challenge;
    // Rather than a silently disabled button: wait briefly for the token, then say what is missing.
    const turnstile = await check?.take(5_000);
    if (check && !turnstile) return failed('turnstile_failed');
    preparePhone(index + 1);
    // One id per step until the proxy answers for it: a click after a lost 202 resends the same id,
    // which the proxy answers "duplicate" instead of delivering the sign-up twice.
    const id = (attemptId ??= randomId());
    const result = await postSubmission(options.api, {
      id,
      site: options.site,
      form: form.id,
      variant: options.variant,
      version: options.version,
      visitor: options.visitor,
      step: index,
      fields,
      consentVersions: Object.keys(consentVersions).length ? consentVersions : undefined,
      continuation,
      context: options.context,
      lang: options.lang,
      page: location.href,
      elapsedMs: Date.now() - shownAt,
      hp: honeypot.value || undefined,
      turnstile,
    });
    // A token is spent once the proxy checked it; whatever the answer, the next try needs another.
    if (check) result.ok ? check.remove() : check.reset();
    // A field error means nothing was accepted under this id; a network failure may have been.
    if (result.ok || result.fields) attemptId = undefined;
    if (result.ok) {
      // Each step's answer carries the next continuation, or none on the last step.
      continuation = result.continuation;
      if (result.offer) offer.value = result.offer;
      const ticked = current.fields.flatMap((f) => (f.type === 'consent' && values.value[f.name] === true ? [f.channel] : []));
      if (ticked.length) consented.value = [...consented.value, ...ticked];
      emit(options, 'submit', { ...detail(), id });
      advance();
      return;
    }
    const known = new Set(current.fields.map((f) => f.name));
    const fieldIssues = Object.entries(result.fields ?? {}).filter(([name]) => known.has(name));
    failed(
      result.fields?.turnstile ? 'turnstile_failed' : fieldIssues.length ? undefined : navigator.onLine === false ? 'offline' : 'error',
      Object.fromEntries(fieldIssues),
    );
  }

  function failed(problem: typeof message.value, fieldErrors: Record<string, FieldIssue[]> = {}) {
    batch(() => {
      status.value = 'editing';
      errors.value = fieldErrors;
      message.value = problem;
      invalidAt.value += 1;
    });
  }

  /** Moves past an optional later step (e.g. SMS after email) without sending it. */
  function skip() {
    if (stepIndex.value > 0 && status.value !== 'submitting') advance();
  }

  return { form, options, challenge, stepIndex, step, fieldsStep, isLastFields, values, errors, message, status, invalidAt, honeypot, copied, offer, spun, consented, detail, setValue, submit, skip };
}

export type FormModel = ReturnType<typeof createFormModel>;

function fieldsAt(form: PublishedForm, index: number): FieldsStepConfig | undefined {
  const s = form.steps[index];
  return s && 'fields' in s ? s : undefined;
}

/** Known identity (from `inlet('identify')`) and the phone country guess fill the form up front. */
function prefill(form: PublishedForm, options: MountOptions): Record<string, Value> {
  const initial: Record<string, Value> = {};
  for (const step of form.steps) {
    if (!('fields' in step)) continue;
    for (const field of step.fields) {
      if (field.type === 'email' && options.identity?.email) initial[field.name] = options.identity.email;
      if (field.type === 'phone') {
        const guess = field.defaultCountry ?? localeCountry() ?? 'US';
        const country = field.countries && !field.countries.includes(guess) ? field.countries[0]! : guess;
        initial[field.name] = { number: options.identity?.phone ?? '', country };
      }
    }
  }
  return initial;
}

function randomId(): string {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
