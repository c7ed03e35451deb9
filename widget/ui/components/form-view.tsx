import type { FormModel } from '../form-model.ts';
import { text } from '../form-types.ts';
import { FieldInput } from './field-input.tsx';

export function FormView({ model, lang, onClose }: { model: FormModel; lang: string; onClose: () => void }) {
  const step = model.step.value;
  const fieldsStep = model.fieldsStep.value;
  const titleId = `inlet-${model.form.id}-title`;
  return (
    <div class="panel" aria-labelledby={titleId}>
      <button type="button" class="close" aria-label="Close" onClick={onClose}>
        ×
      </button>
      {fieldsStep ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void model.submit();
          }}
        >
          <h2 id={titleId}>{text(fieldsStep.text?.title, lang) || '\u00a0'}</h2>
          {fieldsStep.text?.body ? <p class="body">{text(fieldsStep.text.body, lang)}</p> : null}
          {fieldsStep.fields.map((field) =>
            field.type === 'email' || field.type === 'text' ? <FieldInput key={field.name} field={field} model={model} lang={lang} /> : null,
          )}
          {model.message.value ? (
            <p class="error" role="alert">
              {model.message}
            </p>
          ) : null}
          <button type="submit" class="submit" disabled={model.status.value === 'submitting'}>
            {text(fieldsStep.text?.submit, lang) || 'Sign up'}
          </button>
        </form>
      ) : (
        <div class="success" role="status">
          <h2 id={titleId}>{step && 'success' in step ? text(step.success.title, lang) || 'Thank you!' : 'Thank you!'}</h2>
          {step && 'success' in step && step.success.body ? <p class="body">{text(step.success.body, lang)}</p> : null}
          {step && 'success' in step && step.success.coupon ? <p class="coupon">{step.success.coupon}</p> : null}
        </div>
      )}
    </div>
  );
}
