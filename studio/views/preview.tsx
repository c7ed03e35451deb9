/**
 * The live preview: the real UI chunk in a sandboxed frame (scripts only: no access to this page,
 * its cookies or the network), re-rendered on every edit, language, step, variant or device change.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n.ts';
import type { Editor } from '../models/editor.ts';

export function Preview({ editor }: { editor: Editor }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const ready = useSignal(false);
  const error = useSignal<string | null>(null);
  const logged = useRef(false);
  const form = editor.draft.value!;
  const steps = form.steps.map((s, i) => ({ i, success: 'success' in s }));

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.current?.contentWindow) return;
      const type = (e.data as { type?: string })?.type;
      if (type === 'inlet-preview-ready') ready.value = true;
      if (type === 'inlet-preview-error') error.value = String(e.data.message);
      if (type === 'inlet-preview-shown') {
        error.value = null;
        if (!logged.current) {
          logged.current = true;
          void editor.previewed();
        }
      }
    };
    addEventListener('message', onMessage);
    return () => removeEventListener('message', onMessage);
  }, [editor]);

  // Any signal read here re-posts the form: the draft, language, step and variant.
  const message = { type: 'inlet-preview', form: editor.draft.value, lang: editor.previewLang.value, step: editor.previewStep.value, variant: editor.previewVariant.value };
  const text = JSON.stringify(message);
  // A modal form takes focus when it opens. Re-rendered on each keystroke, it would pull the caret out
  // of the field being typed in: focus taken by the frame while it re-renders goes back where it was.
  const rendering = useRef(0);
  useEffect(() => {
    let last: HTMLElement | null = null;
    const onFocusIn = (e: FocusEvent) => e.target !== frame.current && (last = e.target as HTMLElement);
    const onBlur = () =>
      setTimeout(() => {
        if (document.activeElement === frame.current && Date.now() - rendering.current < 1500 && last?.isConnected) last.focus();
      });
    document.addEventListener('focusin', onFocusIn);
    addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      removeEventListener('blur', onBlur);
    };
  }, []);
  useEffect(() => {
    if (!ready.value) return;
    rendering.current = Date.now();
    // Templates name their images site-relative (/templates/images/…); the frame has the studio's copies.
    frame.current?.contentWindow?.postMessage(JSON.parse(text.replaceAll('"/templates/images/', `"${location.origin}/studio/templates/images/`)), '*');
  }, [text, ready.value]);

  return (
    <aside class="preview" aria-labelledby="preview-h">
      <div class="preview-head">
        <h2 id="preview-h">{t('preview')}</h2>
        <div class="segmented" role="group" aria-label={t('preview')}>
          {(['desktop', 'mobile'] as const).map((d) => (
            <button key={d} type="button" aria-pressed={editor.device.value === d} onClick={() => (editor.device.value = d)}>{t(d)}</button>
          ))}
        </div>
      </div>
      <div class="preview-controls">
        <label>
          <span id="pv-lang">{t('language')}</span>
          <select aria-labelledby="pv-lang" value={editor.previewLang.value} onChange={(e) => (editor.previewLang.value = (e.target as HTMLSelectElement).value)}>
            {editor.languages.value.map((l) => <option key={l} value={l}>{l.toUpperCase()}</option>)}
          </select>
        </label>
        <label>
          <span id="pv-step">{t('step')}</span>
          <select aria-labelledby="pv-step" value={String(editor.previewStep.value)} onChange={(e) => (editor.previewStep.value = Number((e.target as HTMLSelectElement).value))}>
            {steps.map((s) => <option key={s.i} value={String(s.i)}>{s.success ? t('success') : `${t('step')} ${s.i + 1}`}</option>)}
          </select>
        </label>
        {form.variants?.length ? (
          <label>
            <span id="pv-variant">{t('variant')}</span>
            <select aria-labelledby="pv-variant" value={editor.previewVariant.value ?? ''} onChange={(e) => (editor.previewVariant.value = (e.target as HTMLSelectElement).value || undefined)}>
              <option value="">{t('noVariant')}</option>
              {form.variants.map((v) => <option key={v.id} value={v.id}>{v.id}</option>)}
            </select>
          </label>
        ) : null}
      </div>
      <div class={`device ${editor.device.value}`}>
        <iframe ref={frame} title={t('preview')} src="/studio/preview.html" sandbox="allow-scripts" />
      </div>
      {error.value && <p class="error" role="alert">{error.value}</p>}
    </aside>
  );
}
