/**
 * Fields with a set of answers: radios or a select (`choice`), checkboxes (`choices` → string[]),
 * yes/no (`boolean`), and the gender, language and country selects.
 */
import type { Field } from '../form-types.ts';
import { optionLabel, optionValue } from '../form-types.ts';
import { GENDERS } from '../validate.ts';
import { countries, LANGUAGES, named } from '../countries.ts';
import type { UiStrings } from '../../i18n/index.ts';
import type { FieldProps } from './field-view.tsx';

/** Fields rendered as a `<fieldset>` of radios or checkboxes. */
export const isGroup = (field: Field): boolean =>
  field.type === 'choices' || field.type === 'boolean' || (field.type === 'choice' && field.display === 'radio');

function optionsOf(field: Field, strings: UiStrings, lang: string): { value: string; label: string }[] {
  switch (field.type) {
    case 'choice':
    case 'choices':
      return field.options.map((o) => ({ value: optionValue(o), label: optionLabel(o, lang) }));
    case 'gender':
      return GENDERS.map((g) => ({ value: g, label: strings[`gender_${g}`] }));
    case 'language':
      return named(field.options ?? LANGUAGES, lang, 'language');
    case 'country':
      return named(field.options ?? countries(), lang, 'region');
    default:
      return [];
  }
}

export function ChoiceInput({ field, model, strings, lang, id, aria }: FieldProps) {
  const value = model.values.value[field.name];
  const set = (v: string | string[] | boolean) => model.setValue(field.name, v);
  if (field.type === 'boolean') {
    return (
      <div class="opts row">
        {([true, false] as const).map((answer) => (
          <label class="opt" key={String(answer)}>
            <input type="radio" name={id} checked={value === answer} onChange={() => set(answer)} {...aria} />
            {answer ? strings.yes : strings.no}
          </label>
        ))}
      </div>
    );
  }
  const options = optionsOf(field, strings, lang);
  if (field.type === 'choices') {
    const picked = (value as string[] | undefined) ?? [];
    return (
      <div class={field.display === 'chips' ? 'opts chips' : 'opts'}>
        {options.map((o) => (
          <label class="opt" key={o.value}>
            <input type="checkbox" name={id} value={o.value} checked={picked.includes(o.value)} onChange={(e) => set(e.currentTarget.checked ? [...picked, o.value] : picked.filter((p) => p !== o.value))} {...aria} />
            {o.label}
          </label>
        ))}
      </div>
    );
  }
  if (isGroup(field)) {
    return (
      <div class="opts">
        {options.map((o) => (
          <label class="opt" key={o.value}>
            <input type="radio" name={id} value={o.value} checked={value === o.value} required={'required' in field && field.required} onChange={() => set(o.value)} {...aria} />
            {o.label}
          </label>
        ))}
      </div>
    );
  }
  return (
    <select id={id} name={field.name} required={'required' in field && field.required} autocomplete={field.type === 'country' ? 'country' : field.type === 'gender' ? 'sex' : 'off'} onChange={(e) => set(e.currentTarget.value)} {...aria}>
      <option value="" selected={!value}>{strings.select}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value} selected={value === o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
