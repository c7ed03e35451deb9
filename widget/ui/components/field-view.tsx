/**
 * One field: its label, control, help and error, tied together for assistive technology
 * (`for`/`id`, `aria-describedby`, `aria-invalid`).
 */
import type { ComponentChildren } from 'preact';
import type { Field, FieldIssue } from '../form-types.ts';
import { format, text } from '../form-types.ts';
import { limitOf } from '../validate.ts';
import type { UiStrings } from '../../i18n/index.ts';
import { textKey } from '../../i18n/field-codes.ts';
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
  /** Label mode of the form: a hidden label puts its text in the placeholder; a floating one needs no placeholder. */
  labels: 'visible' | 'floating' | 'hidden';
  /** Attributes every control carries. */
  aria: { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };
}

export function FieldView({ field, model, strings, lang, uid }: Omit<FieldProps, 'id' | 'aria' | 'labels'> & { uid: string }) {
  if (field.type === 'hidden') return null;
  const id = `${uid}-${field.name}`;
  const issues = model.errors.value[field.name];
  const help = text(field.help, lang);
  const describedBy = [help && `${id}-help`, issues && `${id}-error`].filter(Boolean).join(' ');
  const props: FieldProps = { field, model, strings, lang, id, labels: model.form.presentation?.labels ?? 'visible', aria: { 'aria-invalid': issues ? 'true' : undefined, 'aria-describedby': describedBy || undefined } };
  const label = text(field.label, lang) || text(field.placeholder, lang) || field.name;
  const p = model.form.presentation;
  const mode = p?.labels ?? 'visible';
  const mark = p?.requiredMark ?? 'symbol';
  // The control's `required` state is what assistive technology announces; the mark is for the eye.
  const req = field.required && mark !== 'none' ? <span class="req" aria-hidden="true">{mark === 'word' ? ` (${strings.required_word})` : ' *'}</span> : null;
  const floats = mode === 'floating' && (field.type === 'email' || field.type === 'text' || field.type === 'number');
  const value = model.values.value[field.name];
  const extra: ComponentChildren = [
    help ? <p class="help" id={`${id}-help`}>{help}</p> : null,
    issues ? <p class="error" id={`${id}-error`}>{issues.map((i) => issueText(field, i, strings)).join(' ')}</p> : null,
  ];
  if (field.type === 'consent') return <div class="field consent">{<ConsentInput {...props} />}{extra}</div>;
  if (isGroup(field)) {
    return (
      <fieldset class="field" aria-describedby={describedBy || undefined}>
        <legend>{label}{req}</legend>
        <ChoiceInput {...props} />
        {extra}
      </fieldset>
    );
  }
  return (
    <div class={`field${floats ? ' float' : ''}${floats && value ? ' filled' : ''}`}>
      <label for={id} id={`${id}-label`} class={mode === 'hidden' ? 'sr' : undefined}>{label}{req}</label>
      {field.type === 'phone' ? <PhoneInput {...props} /> : field.type === 'email' || field.type === 'text' || field.type === 'number' || field.type === 'date' ? <TextInput {...props} /> : <ChoiceInput {...props} />}
      {extra}
    </div>
  );
}

/** An issue in the visitor's language; a code this widget does not know (a newer proxy) reads as the generic error. */
export function issueText(field: Field, issue: Pick<FieldIssue, 'code'>, strings: UiStrings): string {
  return format(strings, textKey(issue.code, strings), limitOf(field, issue.code));
}
