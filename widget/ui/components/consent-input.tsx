/**
 * A consent checkbox: unchecked until the visitor ticks it, with the exact disclosure text in full
 * beside it (never behind a link). The disclosure's version travels with the submission.
 */
import type { FieldOf } from '../form-types.ts';
import { text } from '../form-types.ts';
import type { FieldProps } from './field-view.tsx';

export function ConsentInput({ field, model, lang, id, aria }: FieldProps) {
  const f = field as FieldOf<'consent'>;
  const label = text(f.label, lang);
  const disclosure = text(f.disclosure, lang);
  const describedBy = [label && `${id}-disclosure`, aria['aria-describedby']].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <div class="opt">
        <input
          id={id}
          name={f.name}
          type="checkbox"
          required={f.required}
          checked={model.values.value[f.name] === true}
          onChange={(e) => model.setValue(f.name, e.currentTarget.checked)}
          aria-invalid={aria['aria-invalid']}
          aria-describedby={describedBy}
        />
        <label for={id}>
          {label || disclosure}
          {f.required ? <span class="req" aria-hidden="true"> *</span> : null}
        </label>
      </div>
      {label ? <p class="disclosure" id={`${id}-disclosure`}>{disclosure}</p> : null}
      {f.links?.length ? (
        <p class="links">
          {f.links.map((l) => (
            <a key={l.url} href={l.url} target="_blank" rel="noopener noreferrer">
              {text(l.label, lang)}
            </a>
          ))}
        </p>
      ) : null}
    </>
  );
}
