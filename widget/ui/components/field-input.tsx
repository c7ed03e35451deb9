import type { Field } from '../form-types.ts';
import { text } from '../form-types.ts';
import type { FormModel } from '../form-model.ts';

const INPUT_TYPE = { email: 'email', text: 'text' } as const;
type VisibleField = Extract<Field, { type: keyof typeof INPUT_TYPE }>;
const AUTOCOMPLETE: Record<string, string> = { email: 'email', first_name: 'given-name', last_name: 'family-name' };

export function FieldInput({ field, model, lang }: { field: VisibleField; model: FormModel; lang: string }) {
  const id = `inlet-${model.form.id}-${field.name}`;
  const issues = model.errors.value[field.name];
  const errorId = `${id}-error`;
  return (
    <div class="field">
      <label for={id}>
        {text(field.label, lang) || field.name}
        {field.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        name={field.name}
        type={INPUT_TYPE[field.type] as 'text'}
        required={field.required}
        placeholder={text(field.placeholder, lang)}
        autocomplete={AUTOCOMPLETE[field.type === 'email' ? 'email' : 'attribute' in field && field.attribute ? field.attribute : field.name] ?? 'on'}
        value={model.values.value[field.name] ?? ''}
        aria-invalid={issues ? 'true' : undefined}
        aria-describedby={issues ? errorId : undefined}
        onInput={(e) => model.setValue(field.name, (e.currentTarget as HTMLInputElement).value)}
      />
      {issues ? (
        <p class="error" id={errorId}>
          {issues.map((i) => i.message).join(' ')}
        </p>
      ) : null}
    </div>
  );
}
