/**
 * The editor: panels for every part of the form, a JSON tab, versions with diff and rollback, and
 * the live preview beside them. Keyboard: every control is reachable with Tab; Ctrl/⌘+Z and
 * Ctrl/⌘+Shift+Z undo and redo; Ctrl/⌘+S saves now.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { JsonCode } from '../json-code.ts';
import { formatDate, t } from '../i18n.ts';
import { can, flash, go, href } from '../models/app.ts';
import { createEditor, type Editor } from '../models/editor.ts';
import { textOf } from '../models/forms.ts';
import { FIELD_TEXTS, FIELD_TYPES, LAYOUTS, POSITIONS, RULE_KEYS, STEP_TEXTS, SUCCESS_TEXTS } from '../panels.ts';
import { Checkbox, Issues, JsonPart, Panel, Select, TextInput, idOf } from './controls.tsx';
import { Status } from './forms-page.tsx';
import { Preview } from './preview.tsx';
import { Versions } from './versions.tsx';
import { ResultsTab } from '../results/results-tab.tsx';

type Tab = 'editor' | 'json' | 'versions' | 'results';

export function EditorPage({ site, formId }: { site: string; formId: string }) {
  const editor = useMemo(() => createEditor(site, formId), [site, formId]);
  const tab = useSignal<Tab>('editor');
  const textLang = useSignal('en');
  const canEdit = can('editor').value;
  const canPublish = can('publisher').value;
  useEffect(() => {
    void editor.load().then(() => (textLang.value = editor.languages.value[0]!));
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      // The JSON tab's CodeMirror keeps its own undo history for the text being typed.
      if (k === 'z' && !(e.target as HTMLElement).closest?.('.cm-editor')) {
        e.preventDefault();
        e.shiftKey ? editor.redo() : editor.undo();
      } else if (k === 'y') {
        e.preventDefault();
        editor.redo();
      } else if (k === 's') {
        e.preventDefault();
        void editor.save();
      }
    };
    // Capture phase: the shortcut wins over the text field's own undo, which knows nothing of the form.
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [editor]);

  const form = editor.draft.value;
  const detail = editor.detail.value;
  if (!form || !detail) return <p role="status">…</p>;
  const readOnly = !canEdit;
  const title = textOf((form.steps[0] as { text?: { title?: unknown } })?.text?.title, textLang.value) || form.id;
  const issues = editor.issues.value;

  const publish = async () => {
    const v = await editor.publish();
    if (v) flash(t('publishedVersion', { v }));
  };

  const tabs: [Tab, string][] = [['editor', t('editor')], ['json', t('json')], ['versions', t('versions')], ['results', t('results')]];
  return (
    <div class="editor">
      <div class="editor-head">
        <a
          class="back"
          href={href({ view: 'forms', site })}
          onClick={(e) => {
            e.preventDefault();
            go({ view: 'forms', site });
          }}
        >
          ← {t('back')}
        </a>
        <div class="title-row">
          <h1 tabIndex={-1}>{title}</h1>
          <Status status={detail.status} />
          {editor.live.value !== null && <span class="muted">v{editor.live.value}</span>}
        </div>
        <div class="toolbar" role="toolbar" aria-label={t('editor')}>
          <SaveState editor={editor} />
          <button type="button" class="ghost" onClick={editor.undo} disabled={readOnly || !editor.past.value.length} aria-keyshortcuts="Control+Z">{t('undo')}</button>
          <button type="button" class="ghost" onClick={editor.redo} disabled={readOnly || !editor.future.value.length} aria-keyshortcuts="Control+Shift+Z">{t('redo')}</button>
          {canEdit && (
            <button type="button" class="ghost" onClick={() => void editor.makePreviewLink().catch((e: unknown) => flash(e instanceof Error ? e.message : String(e)))} disabled={issues.length > 0}>
              {t('previewOnSite')}
            </button>
          )}
          {canPublish && (
            <button type="button" class="primary" onClick={() => void publish()} disabled={editor.publishing.value || editor.saveState.value === 'conflict'}>
              {editor.publishing.value ? t('publishing') : t('publish')}
            </button>
          )}
        </div>
      </div>

      {editor.conflict.value && (
        <div class="banner warn" role="alert">
          <p><strong>{t('conflict')}</strong> — {editor.conflict.value.updatedBy}, {formatDate(editor.conflict.value.updatedAt)}</p>
          <button type="button" class="ghost" onClick={editor.reloadTheirs}>{t('reload')}</button>
          <button type="button" class="ghost" onClick={() => void editor.overwrite()}>{t('overwrite')}</button>
        </div>
      )}
      {editor.problems.value && (
        <div class="banner error" role="alert">
          <p><strong>{t('problems')}</strong></p>
          <ul>{editor.problems.value.map((p, i) => <li key={i}>{p}</li>)}</ul>
        </div>
      )}
      {readOnly && <p class="banner info">{t('readOnly')}</p>}
      {editor.previewLink.value && (
        <p class="banner info" role="status">
          {t('previewLinkReady', { time: formatDate(editor.previewLink.value.expiresAt) })}{' '}
          <a href={editor.previewLink.value.url} target="_blank" rel="noopener">{t('openPreview')}</a>
        </p>
      )}

      <div class="editor-body">
        <div class="editor-main">
          <div role="tablist" aria-label={t('editor')} class="tabs">
            {tabs.map(([id, label]) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`tab-${id}`}
                aria-selected={tab.value === id}
                aria-controls={`tabpanel-${id}`}
                tabIndex={tab.value === id ? 0 : -1}
                onClick={() => (tab.value = id)}
                onKeyDown={(e) => {
                  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
                  const i = tabs.findIndex(([x]) => x === tab.value);
                  const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]![0];
                  tab.value = next;
                  setTimeout(() => document.getElementById(`tab-${next}`)?.focus());
                }}
              >
                {label}
              </button>
            ))}
          </div>
          <p class={`summary ${issues.length ? 'bad' : 'good'}`} role="status" id="issue-summary">
            {issues.length ? t('errorsCount', { n: issues.length }) : t('noErrors')}
          </p>
          <div role="tabpanel" id={`tabpanel-${tab.value}`} aria-labelledby={`tab-${tab.value}`} class="tabpanel">
            {tab.value === 'editor' && <Panels editor={editor} readOnly={readOnly} textLang={textLang.value} onLang={(l) => (textLang.value = l)} />}
            {tab.value === 'json' && <JsonTab editor={editor} readOnly={readOnly} />}
            {tab.value === 'versions' && <Versions editor={editor} canPublish={canPublish} />}
            {tab.value === 'results' && <ResultsTab site={site} form={formId} canPublish={canPublish} />}
          </div>
        </div>
        <Preview editor={editor} />
      </div>
    </div>
  );
}

function SaveState({ editor }: { editor: Editor }) {
  const s = editor.saveState.value;
  const text = s === 'saved' ? t('saved') : s === 'saving' ? t('saving') : s === 'conflict' ? t('conflict') : t('unsaved');
  return <span class={`save-state ${s}`} role="status" aria-label={`${t('statusOf')}: ${text}`}>{text}</span>;
}

function Panels({ editor, readOnly, textLang, onLang }: { editor: Editor; readOnly: boolean; textLang: string; onLang: (l: string) => void }) {
  const form = editor.draft.value!;
  const steps = form.steps.map((s, i) => [s, i] as const);
  const fieldSteps = steps.filter(([s]) => 'fields' in s);
  const successSteps = steps.filter(([s]) => 'success' in s);
  const langs = editor.languages.value;
  return (
    <div class="panels">
      <div class="lang-switch" role="group" aria-label={t('editingLang')}>
        <span>{t('editingLang')}</span>
        {langs.map((l) => (
          <button key={l} type="button" class="chip" aria-pressed={l === textLang} onClick={() => onLang(l)}>{l.toUpperCase()}</button>
        ))}
      </div>

      <Panel id="texts" title={t('texts')}>
        {fieldSteps.map(([, i]) => (
          <fieldset key={i}>
            <legend>{t('step')} {i + 1}</legend>
            {STEP_TEXTS.map((k) => (
              <TextInput key={k} editor={editor} readOnly={readOnly} path={['steps', i, 'text', k, textLang]} label={`${t(k === 'submit' ? 'submit' : k)} (${textLang})`} multiline={k === 'body'} />
            ))}
          </fieldset>
        ))}
      </Panel>

      <Panel id="fields" title={t('fields')}>
        {fieldSteps.map(([step, i]) => (
          <fieldset key={i}>
            <legend>{t('step')} {i + 1}</legend>
            {((step as { fields: Record<string, unknown>[] }).fields ?? []).map((field, j) => (
              <div class="field-card" key={j}>
                <div class="row">
                  <TextInput editor={editor} readOnly={readOnly} path={['steps', i, 'fields', j, 'name']} label={t('fieldName')} />
                  <Select editor={editor} readOnly={readOnly} path={['steps', i, 'fields', j, 'type']} label={t('fieldType')} options={FIELD_TYPES} />
                </div>
                {field.type !== 'hidden' && (
                  <>
                    <TextInput editor={editor} readOnly={readOnly} path={['steps', i, 'fields', j, FIELD_TEXTS[0], textLang]} label={`${t('label')} (${textLang})`} />
                    {field.type === 'consent' && <TextInput editor={editor} readOnly={readOnly} multiline path={['steps', i, 'fields', j, 'disclosure', textLang]} label={`Disclosure (${textLang})`} />}
                    <Checkbox editor={editor} readOnly={readOnly} path={['steps', i, 'fields', j, 'required']} label={t('required')} />
                  </>
                )}
                <Issues editor={editor} path={['steps', i, 'fields', j]} />
                {!readOnly && (
                  <button type="button" class="ghost small" onClick={() => editor.setAt(['steps', i, 'fields', j], undefined)} aria-label={`${t('remove')} ${String(field.name)}`}>{t('remove')}</button>
                )}
              </div>
            ))}
            {!readOnly && (
              <button type="button" class="ghost small" onClick={() => editor.setAt(['steps', i, 'fields', (step as { fields: unknown[] }).fields.length], { name: `field_${(step as { fields: unknown[] }).fields.length + 1}`, type: 'text', label: { [textLang]: 'New field' } })}>
                + {t('addField')}
              </button>
            )}
          </fieldset>
        ))}
      </Panel>

      <Panel id="success" title={t('success')}>
        {successSteps.map(([, i]) => (
          <fieldset key={i}>
            <legend>{t('step')} {i + 1}</legend>
            {SUCCESS_TEXTS.map((k) => (
              <TextInput key={k} editor={editor} readOnly={readOnly} path={['steps', i, 'success', k, textLang]} label={`${t(k === 'title' ? 'successTitle' : 'successBody')} (${textLang})`} multiline={k === 'body'} />
            ))}
            <TextInput editor={editor} readOnly={readOnly} path={['steps', i, 'success', 'coupon']} label={t('coupon')} />
          </fieldset>
        ))}
      </Panel>

      <Panel id="design" title={t('design')}>
        <div class="row">
          <Select editor={editor} readOnly={readOnly} path={['layout']} label={t('layout')} options={LAYOUTS} />
          <Select editor={editor} readOnly={readOnly} path={['presentation', 'position']} label={t('position')} options={POSITIONS} empty="—" />
        </div>
        <div class="field">
          <label for={idOf(['languages'])}>{t('languages')}</label>
          <input
            id={idOf(['languages'])}
            type="text"
            readOnly={readOnly}
            value={(form.languages ?? []).join(', ')}
            onChange={(e) => editor.setAt(['languages'], (e.target as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean))}
          />
          <Issues editor={editor} path={['languages']} />
        </div>
        <JsonPart editor={editor} readOnly={readOnly} path={['theme']} label="Theme (JSON)" />
      </Panel>

      <Panel id="rules" title={t('rules')}>
        <p class="muted">{t('rulesHelp')}</p>
        {RULE_KEYS.map((k) => (
          <JsonPart key={k} editor={editor} readOnly={readOnly} path={[k]} label={t(k)} />
        ))}
      </Panel>
    </div>
  );
}

function JsonTab({ editor, readOnly }: { editor: Editor; readOnly: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const code = useRef<JsonCode | null>(null);
  useEffect(() => {
    let gone = false;
    // CodeMirror is a chunk of its own, fetched the first time this tab opens.
    void import('../json-code.ts').then(({ mountJsonCode }) => {
      if (gone || !host.current) return;
      host.current.replaceChildren();
      code.current = mountJsonCode(host.current, { text: editor.jsonText.value, readOnly, label: t('json'), describedBy: 'json-help json-error issue-summary', onChange: (text) => editor.setJson(text) });
    });
    return () => {
      gone = true;
      code.current?.destroy();
      code.current = null;
    };
  }, [editor, readOnly]);
  const text = editor.jsonText.value;
  useEffect(() => code.current?.set(text), [text]);
  return (
    <div class="json-tab">
      <p id="json-label" class="label">{t('json')}</p>
      <p id="json-help" class="muted">{t('jsonHelp')} <a href="/v1/studio/schema" target="_blank" rel="noopener">JSON Schema</a></p>
      <div ref={host} class="json-code" aria-invalid={editor.jsonError.value ? 'true' : undefined}>
        <p class="muted" role="status">…</p>
      </div>
      {editor.jsonError.value && <p id="json-error" class="error">{t('invalidJson', { message: editor.jsonError.value })}</p>}
      {editor.issues.value.length > 0 && (
        <ul class="issues">
          {editor.issues.value.map((i, n) => (
            <li key={n}><code>{i.path.join('.') || '(form)'}</code> {i.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
