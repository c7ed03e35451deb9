/**
 * The current step of a form: a field step (title, fields, consent, submit, skip) or the success step.
 */
import type { FormModel } from '../form-model.ts';
import { text } from '../form-types.ts';
import type { UiStrings } from '../../i18n/index.ts';
import { FieldView } from './field-view.tsx';
import { SuccessView } from './success-view.tsx';

export interface ViewProps {
  model: FormModel;
  strings: UiStrings;
  lang: string;
  uid: string;
  onClose: () => void;
  /** Inline forms are part of the page: no close button. */
  closable: boolean;
}

export function FormView({ model, strings, lang, uid, onClose, closable }: ViewProps) {
  const stepIndex = model.stepIndex.value;
  const step = model.fieldsStep.value;
  const image = model.form.theme?.image;
  const message = model.message.value;
  return (
    <div class="panel">
      {image ? <img class="hero" src={image} alt="" /> : null}
      {step ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void model.submit();
          }}
        >
          {step.text?.title ? <h2 id={`${uid}-title`} tabIndex={-1}>{text(step.text.title, lang)}</h2> : null}
          {step.text?.body ? <p class="body">{text(step.text.body, lang)}</p> : null}
          {step.fields.map((field) => (
            <FieldView key={field.name} field={field} model={model} strings={strings} lang={lang} uid={uid} />
          ))}
          {/* Honeypot: off-screen, out of the tab order and hidden from assistive technology; only bots fill it. */}
          <div class="hp" aria-hidden="true">
            <input tabIndex={-1} autocomplete="off" name="website" value={model.honeypot.value} onInput={(e) => (model.honeypot.value = e.currentTarget.value)} />
          </div>
          {/* Turnstile's container is light DOM (widget/ui/turnstile.ts), shown here. */}
          {!stepIndex && model.challenge ? <slot name="turnstile" /> : null}
          {message ? (
            <p class="error" role="alert">
              {message.key ? strings[message.key] : message.text}
            </p>
          ) : null}
          <button type="submit" class="submit" aria-disabled={model.status.value === 'submitting' ? 'true' : undefined}>
            {text(step.text?.submit, lang) || (model.isLastFields.value ? strings.submit : strings.next)}
          </button>
          {stepIndex > 0 ? (
            <button type="button" class="skip" onClick={model.skip}>
              {strings.skip}
            </button>
          ) : null}
        </form>
      ) : (
        <SuccessView model={model} strings={strings} lang={lang} uid={uid} onClose={closable ? onClose : undefined} />
      )}
      {closable ? (
        <button type="button" class="close" aria-label={strings.close} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </div>
  );
}
