/**
 * Form controls bound to a path in the draft, each showing the proxy's own messages for that path
 * right under it (`aria-describedby`, `aria-invalid`).
 */
import type { ComponentChildren } from 'preact';
import type { Editor, Path } from '../models/editor.ts';

export const idOf = (path: Path) => `f-${path.join('-')}`;

export function Issues({ editor, path }: { editor: Editor; path: Path }) {
  const list = editor.issuesAt(path);
  if (!list.length) return null;
  return (
    <ul class="issues" id={`${idOf(path)}-issues`}>
      {list.map((i, n) => (
        <li key={n}>{i.message}</li>
      ))}
    </ul>
  );
}

function described(editor: Editor, path: Path) {
  const bad = editor.issuesAt(path).length > 0;
  return { 'aria-invalid': bad ? ('true' as const) : undefined, 'aria-describedby': bad ? `${idOf(path)}-issues` : undefined };
}

export function TextInput({ editor, path, label, multiline, readOnly, hint }: { editor: Editor; path: Path; label: string; multiline?: boolean; readOnly?: boolean; hint?: string }) {
  const value = editor.getAt(path);
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const props = {
    id: idOf(path),
    value: text,
    readOnly,
    onInput: (e: Event) => editor.setAt(path, (e.target as HTMLInputElement).value),
    ...described(editor, path),
  };
  return (
    <div class="field">
      <label for={idOf(path)}>{label}</label>
      {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
      {hint && <small>{hint}</small>}
      <Issues editor={editor} path={path} />
    </div>
  );
}

export function Select({ editor, path, label, options, readOnly, empty }: { editor: Editor; path: Path; label: string; options: readonly string[]; readOnly?: boolean; empty?: string }) {
  const value = editor.getAt(path);
  return (
    <div class="field">
      <label for={idOf(path)}>{label}</label>
      <select id={idOf(path)} value={typeof value === 'string' ? value : ''} disabled={readOnly} onChange={(e) => editor.setAt(path, (e.target as HTMLSelectElement).value || undefined)} {...described(editor, path)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o} value={o}>{o}</option>
        ))}
      </select>
      <Issues editor={editor} path={path} />
    </div>
  );
}

export function Checkbox({ editor, path, label, readOnly }: { editor: Editor; path: Path; label: string; readOnly?: boolean }) {
  return (
    <div class="field check">
      <input type="checkbox" id={idOf(path)} checked={editor.getAt(path) === true} disabled={readOnly} onChange={(e) => editor.setAt(path, (e.target as HTMLInputElement).checked || undefined)} {...described(editor, path)} />
      <label for={idOf(path)}>{label}</label>
      <Issues editor={editor} path={path} />
    </div>
  );
}

/** A part of the form edited as JSON (triggers, targeting…): applied once it parses. */
export function JsonPart({ editor, path, label, readOnly }: { editor: Editor; path: Path; label: string; readOnly?: boolean }) {
  const value = editor.getAt(path);
  const initial = value === undefined ? '' : JSON.stringify(value, null, 2);
  return (
    <div class="field">
      <label for={idOf(path)}>{label}</label>
      <textarea
        id={idOf(path)}
        class="mono"
        rows={Math.min(8, Math.max(2, initial.split('\n').length))}
        value={initial}
        readOnly={readOnly}
        spellcheck={false}
        onChange={(e) => {
          const text = (e.target as HTMLTextAreaElement).value.trim();
          try {
            editor.setAt(path, text ? JSON.parse(text) : undefined);
          } catch {
            (e.target as HTMLTextAreaElement).setCustomValidity('JSON');
          }
        }}
        {...described(editor, path)}
      />
      <Issues editor={editor} path={path} />
    </div>
  );
}

export function Panel({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}
