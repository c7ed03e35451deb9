/**
 * One field: its label, control, help and error, tied together for assistive technology
 * (`for`/`id`, `aria-describedby`, `aria-invalid`).
 */
import type { ComponentChildren } from 'preact';
import type { Field, FieldIssue } from '../form-types.ts';
import { format, text } from '../form-types.ts';
import { limitOf } from '../validate.ts';
import type { UiStrings } from '../../i18n/index.ts';
import type { FormModel } from '../form-model.ts';
import { TextInput } from './text-input.tsx';
import { ChoiceInput, isGroup } from './choice-input.tsx';
import { PhoneInput } from './phone-input.tsx';
import { ConsentInput } from './consent-input.tsx';

export interface FieldProps {
  field: Field;
  model: FormModel;
  strings: UiStrings;
  lang: string;
  id: string;
  /** Attributes every control carries. */
  aria: { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };
}

export function FieldView({ field, model, strings, lang, uid }: Omit<FieldProps, 'id' | 'aria'> & { uid: string }) {
  if (field.type === 'hidden') return null;
  const id = `${uid}-${field.name}`;
  const issues = model.errors.value[field.name];
  const help = text(field.help, lang);
  const describedBy = [help && `${id}-help`, issues && `${id}-error`].filter(Boolean).join(' ');
  const props: FieldProps = { field, model, strings, lang, id, aria: { 'aria-invalid': issues ? 'true' : undefined, 'aria-describedby': describedBy || undefined } };
  const label = text(field.label, lang) || text(field.placeholder, lang) || field.name;
  const extra: ComponentChildren = [
    help ? <p class="help" id={`${id}-help`}>{help}</p> : null,
    issues ? <p class="error" id={`${id}-error`}>{issues.map((i) => issueText(field, i, strings)).join(' ')}</p> : null,
  ];
  if (field.type === 'consent') return <div class="field consent">{<ConsentInput {...props} />}{extra}</div>;
  if (isGroup(field)) {
    return (
      <fieldset class="field" aria-describedby={describedBy || undefined}>
        <legend>{label}{field.required ? <Req /> : null}</legend>
        <ChoiceInput {...props} />
        {extra}
      </fieldset>
    );
  }
  return (
    <div class="field">
      <label for={id} id={`${id}-label`}>{label}{field.required ? <Req /> : null}</label>
      {field.type === 'phone' ? <PhoneInput {...props} /> : field.type === 'email' || field.type === 'text' || field.type === 'number' || field.type === 'date' ? <TextInput {...props} /> : <ChoiceInput {...props} />}
      {extra}
    </div>
  );
}

// The control's `required` state is what assistive technology announces; the star is for the eye.
const Req = () => <span class="req" aria-hidden="true"> *</span>;

// Proxy codes that share a built-in text with another code.
const SAME_TEXT: Record<string, keyof UiStrings> = { invalid_gender: 'invalid_option', invalid_language: 'invalid_option', invalid_country: 'invalid_option', email_or_phone_required: 'required' };

/** An issue in the visitor's language: the built-in text for its code, else the proxy's own words. */
export function issueText(field: Field, issue: FieldIssue, strings: UiStrings): string {
  const key = SAME_TEXT[issue.code] ?? issue.code;
  return key in strings ? format(strings, key as keyof UiStrings, limitOf(field, issue.code)) : issue.message || strings.error;
}
