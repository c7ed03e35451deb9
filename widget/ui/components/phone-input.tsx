/**
 * Phone number with a country picker and as-you-type formatting. The picker reads on every
 * platform: the country's name in the visitor's language and its calling code in the list, the ISO
 * code and calling code when closed. No flag emoji: without an emoji font they are empty boxes, and
 * Windows draws two letters. Until the lazily loaded phone chunk arrives, it is a plain tel input;
 * the picker appears with the chunk.
 */
import type { FieldOf, PhoneValue } from '../form-types.ts';
import { phoneLib } from '../phone.ts';
import { named } from '../countries.ts';
import type { FieldProps } from './field-view.tsx';

export function PhoneInput({ field, model, strings, lang, id, aria }: FieldProps) {
  const f = field as FieldOf<'phone'>;
  const lib = phoneLib.value;
  const value = (model.values.value[f.name] as PhoneValue | undefined) ?? { number: '', country: 'US' };
  const set = (next: PhoneValue) => model.setValue(f.name, next);
  const onInput = (raw: string) => {
    if (!lib) return set({ ...value, number: raw });
    const typing = new lib.AsYouType(value.country as 'FR');
    // Formatting a deletion would re-insert the separator the visitor just removed.
    const formatted = raw.length < value.number.length ? raw : typing.input(raw);
    const detected = raw.startsWith('+') ? typing.getCountry() : undefined;
    set({ number: formatted, country: detected && (!f.countries || f.countries.includes(detected)) ? detected : value.country });
  };
  const codes = lib ? (f.countries ?? lib.getCountries()) : [];
  return (
    <div class="phone">
      {lib ? (
        <span class="cc">
          <span aria-hidden="true">
            {value.country} +{lib.getCountryCallingCode(value.country as 'FR')}
          </span>
          <select aria-label={strings.country_code} name={`${f.name}_country`} autocomplete="tel-country-code" onChange={(e) => set({ ...value, country: e.currentTarget.value })}>
            {named(codes, lang, 'region').map((c) => (
              <option key={c.value} value={c.value} selected={c.value === value.country}>
                {`${c.label} (+${lib.getCountryCallingCode(c.value as 'FR')})`}
              </option>
            ))}
          </select>
        </span>
      ) : null}
      <input
        id={id}
        name={f.name}
        type="tel"
        autocomplete={lib ? 'tel-national' : 'tel'}
        required={f.required}
        value={value.number}
        onInput={(e) => onInput(e.currentTarget.value)}
        {...aria}
      />
    </div>
  );
}
