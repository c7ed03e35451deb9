/**
 * The current step of a form: its media, progress, countdown, title, fields, submit, privacy line
 * and skip; or the success step.
 */
import type { FormModel } from '../form-model.ts';
import { format, text } from '../form-types.ts';
import type { UiStrings } from '../../i18n/index.ts';
import { FieldView } from './field-view.tsx';
import { SuccessView } from './success-view.tsx';
import { Countdown } from './countdown-slot.tsx';

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
  const { form } = model;
  const stepIndex = model.stepIndex.value;
  const step = model.fieldsStep.value;
  const media = form.presentation?.media;
  const image = form.theme?.image;
  const message = model.message.value;
  const fieldSteps = form.steps.filter((s) => 'fields' in s).length;
  const p = form.presentation;
  return (
    <div class={`panel${media ? ` ${media.placement === 'start' || media.placement === 'end' ? `split ${media.placement}` : media.placement} mm-${media.mobile}` : ''}`}>
      {media ? <img class="media" src={media.src} alt={text(media.alt, lang)} width={media.width} height={media.height} /> : null}
      {media?.placement === 'background' ? <div class="shade" /> : null}
      <div class="content">
        {image ? <img class="hero" src={image} alt="" /> : null}
        {step ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void model.submit();
            }}
          >
            {p?.progress && fieldSteps > 1 ? (
              <p class="progress">
                <span aria-hidden="true">
                  {Array.from({ length: fieldSteps }, (_, i) => (
                    <i class={i <= stepIndex ? 'on' : ''} />
                  ))}
                </span>
                {format(strings, 'step_of', stepIndex + 1, fieldSteps)}
              </p>
            ) : null}
            {step.text?.title ? <h2 id={`${uid}-title`} tabIndex={-1}>{text(step.text.title, lang)}</h2> : null}
            {step.text?.body ? <p class="body">{text(step.text.body, lang)}</p> : null}
            {p?.countdown && !stepIndex ? <Countdown form={form} config={p.countdown} label={text(p.countdown.label, lang) || strings.ends_in} /> : null}
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
                {strings[message]}
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
            {step.legal ? (
              <p class="legal">
                {text(step.legal.text, lang)}
                {step.legal.links?.map((l) => (
                  <a key={l.url} href={l.url} target="_blank" rel="noopener noreferrer">
                    {text(l.label, lang)}
                  </a>
                ))}
              </p>
            ) : null}
          </form>
        ) : (
          <SuccessView model={model} strings={strings} lang={lang} uid={uid} onClose={closable ? onClose : undefined} />
        )}
      </div>
      {closable ? (
        <button type="button" class="close" aria-label={strings.close} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </div>
  );
}
