/**
 * The UI chunk: loaded by the loader only when a form is to be shown. Renders the form in a
 * native `<dialog>` (top layer: no z-index war) inside a shadow root.
 */
import { render } from 'preact';
import css from './styles.css?inline';
import { createHost } from './host.ts';
import { createFormModel } from './form-model.ts';
import { FormView } from './components/form-view.tsx';
import type { MountOptions, MountedForm, PublishedForm } from '../types.ts';

export function mount(form: PublishedForm, options: MountOptions): MountedForm {
  const host = createHost(css, options.nonce);
  const dialog = document.createElement('dialog');
  dialog.setAttribute('aria-label', form.id);
  host.root.append(dialog);
  const previousFocus = document.activeElement as HTMLElement | null;
  const model = createFormModel(form, options);
  const lang = pickLanguage(form);
  let closed = false;

  const close = () => {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
    render(null, dialog);
    host.remove();
    previousFocus?.focus?.();
    options.onClose?.();
  };
  // Escape fires `cancel` on a modal dialog; the native close is fine, our cleanup follows it.
  dialog.addEventListener('close', close);

  render(<FormView model={model} lang={lang} onClose={close} />, dialog);
  dialog.showModal();
  // Focus the first input rather than the close button: the visitor came here to type.
  dialog.querySelector<HTMLInputElement>('input')?.focus();
  return { close };
}

function pickLanguage(form: PublishedForm): string {
  const offered = form.languages ?? [];
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const base = wanted.slice(0, 2).toLowerCase();
    if (offered.includes(wanted) || offered.includes(base)) return offered.includes(wanted) ? wanted : base;
  }
  return offered[0] ?? 'en';
}
