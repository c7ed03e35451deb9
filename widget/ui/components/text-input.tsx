import type { FieldProps } from './field-view.tsx';
import { text } from '../form-types.ts';

const TYPE = { email: 'email', text: 'text', number: 'number', date: 'date' } as const;
const AUTOCOMPLETE: Record<string, string> = { email: 'email', first_name: 'given-name', last_name: 'family-name', dob: 'bday', birthday: 'bday' };

export function TextInput({ field, model, lang, id, aria, labels }: FieldProps) {
  if (!(field.type in TYPE)) return null;
  const f = field as Extract<FieldProps['field'], { type: keyof typeof TYPE }>;
  const attribute = 'attribute' in f && f.attribute ? f.attribute : f.name;
  return (
    <input
      id={id}
      name={f.name}
      type={TYPE[f.type] as 'text'}
      required={f.required}
      placeholder={labels === 'floating' ? undefined : text(f.placeholder, lang) || (labels === 'hidden' ? text(f.label, lang) : '') || undefined}
      autocomplete={AUTOCOMPLETE[f.type === 'email' ? 'email' : attribute] ?? 'off'}
      inputMode={f.type === 'number' && !f.integer ? 'decimal' : undefined}
      step={f.type === 'number' ? (f.integer ? 1 : 'any') : undefined}
      min={f.type === 'number' ? f.min : undefined}
      max={f.type === 'number' ? f.max : undefined}
      maxLength={f.type === 'text' ? f.maxLength : f.type === 'email' ? 254 : undefined}
      value={(model.values.value[f.name] as string | undefined) ?? ''}
      onInput={(e) => model.setValue(f.name, e.currentTarget.value)}
      {...aria}
    />
  );
}
