/**
 * The UI chunk: loaded by the loader only when a form is to be shown. Renders one form, in any
 * layout, inside its own shadow root; built-in strings for the visitor's language load alongside.
 */
import { render } from 'preact';
import { effect, signal } from '@preact/signals-core';
import css from './styles.css?inline';
import { createHost } from './host.ts';
import { createFormModel } from './form-model.ts';
import { pickLanguage } from './language.ts';
import { themeCss } from './theme.ts';
import { emit } from './events.ts';
import { followViewport } from './viewport.ts';
import { text } from './form-types.ts';
import { loadStrings, type UiStrings } from '../i18n/index.ts';
import { FormView } from './components/form-view.tsx';
import { Surface, isModal } from './components/surface.tsx';
import { TeaserTab } from './components/teaser.tsx';
import { track } from './analytics.ts';
import type { MountOptions, MountedForm, PublishedForm } from '../types.ts';

let mounted = 0;

export function mount(form: PublishedForm, options: MountOptions): MountedForm {
  const layout = form.layout;
  const p = form.presentation;
  // The form's config may ask for tag-manager events; a page that boots Inlet itself may too.
  options = { ...options, dataLayer: options.dataLayer ?? p?.dataLayer };
  const container = layout === 'inline' ? (options.container ?? (p?.target ? document.querySelector(p.target) : null)) : document.body;
  if (!container) {
    console.warn(`inlet: form "${form.id}" is inline, but its target "${p?.target ?? ''}" is not on this page; set presentation.target to a selector that matches`);
    return { close() {} };
  }
  const lang = options.lang ?? pickLanguage(form.languages, navigator.languages?.length ? navigator.languages : [navigator.language]);
  const host = createHost(css + themeCss(form.theme, () => getComputedStyle(container).fontFamily), { nonce: options.nonce, container, block: layout === 'inline' });
  const model = createFormModel(form, { ...options, lang });
  const view = signal<'form' | 'teaser' | 'none'>(options.view === 'teaser' && p?.teaser ? 'teaser' : 'form');
  // Analytics beacons for what `emit` does not announce: the teaser shown, the coupon copied.
  view.subscribe((v) => v == 'teaser' && track(options, 'teaser_view', form.id));
  model.copied.subscribe((c) => c && track(options, 'coupon_copy', form.id, model.stepIndex.value));
  const announce = signal('');
  const uid = `inlet-${form.id}-${++mounted}`;
  const modal = isModal(layout);
  const wrapper = document.createElement('div');
  wrapper.className = 'root';
  wrapper.lang = lang;
  host.root.append(wrapper);
  let returnFocus = document.activeElement as HTMLElement | null;
  let stopViewport = () => {};
  let stopRendering = () => {};
  let removed = false;

  const remove = () => {
    if (removed) return;
    removed = true;
    stopViewport();
    stopRendering();
    model.challenge?.remove();
    render(null, wrapper);
    host.remove();
  };

  const opened = () => {
    stopViewport = followViewport(host.element, host.root);
    // Turnstile starts once the first step is on screen, not while only a teaser shows.
    if (!model.stepIndex.value) model.challenge?.mount(host.element);
    emit(options, 'show', model.detail());
    // Non-modal forms announce themselves instead of taking focus; the live region exists before its text.
    if (!modal) setTimeout(() => (announce.value = titleOf(form, lang) || text(p?.label, lang)), 100);
  };

  const closeForm = () => {
    if (view.value !== 'form') return;
    const completed = model.status.value === 'done';
    stopViewport();
    emit(options, 'close', { ...model.detail(), completed });
    announce.value = '';
    view.value = p?.teaser && !completed && layout !== 'inline' ? 'teaser' : 'none';
    if (view.value === 'none') remove();
    // After the re-render: focus goes back where it was, or to the teaser that replaced the form.
    if (modal) setTimeout(() => (view.value === 'teaser' ? host.root.querySelector<HTMLElement>('.teaser') : returnFocus)?.focus?.());
    options.onClose?.();
  };

  // Focus follows the visitor: into a modal form when it opens, to each new step's first field (a
  // non-modal form only once the visitor is in it), and to the first invalid field after a failed submit.
  let focusedStep = -1;
  let focusedInvalid = 0;
  const moveFocus = (step: number, invalid: number) => {
    const panel = wrapper.querySelector('.panel');
    if (!panel) return;
    if (step !== focusedStep && (modal || (focusedStep >= 0 && host.root.activeElement))) {
      const field = panel.querySelector('.field');
      (field?.querySelector<HTMLElement>('input') ?? field?.querySelector<HTMLElement>('select') ?? panel.querySelector<HTMLElement>('h2'))?.focus();
    }
    if (invalid !== focusedInvalid) panel.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    focusedStep = step;
    focusedInvalid = invalid;
  };

  const reopen = () => {
    track(options, 'teaser_click', form.id);
    returnFocus = null;
    focusedStep = -1;
    view.value = 'form';
    opened();
  };

  function App({ strings }: { strings: UiStrings }) {
    if (view.value === 'teaser') return <TeaserTab label={text(p!.teaser!.text, lang)} position={p!.teaser!.position} modal={modal} onOpen={reopen} />;
    if (view.value === 'none') return null;
    const step = model.step.value;
    const titled = step && ('success' in step || text(step.text?.title, lang));
    const position = layout === 'bar' ? (p?.position === 'bottom' ? 'bottom' : 'top') : layout === 'slide-in' ? (p?.position && p.position.includes('-') ? p.position : 'bottom-right') : '';
    return (
      <>
        <Surface layout={layout} variant={`p-${position} m-${p?.mobile ?? 'sheet'}`} labelledBy={titled ? `${uid}-title` : undefined} label={text(p?.label, lang) || strings.form} onClose={closeForm}>
          <FormView model={model} strings={strings} lang={lang} uid={uid} onClose={closeForm} closable={layout !== 'inline'} />
        </Surface>
        {modal ? null : (
          <div class="sr" role="status">
            {announce.value}
          </div>
        )}
      </>
    );
  }

  void loadStrings(lang).then((strings) => {
    if (removed) return;
    // One effect renders the form, so every signal the tree reads re-renders it. A form is small enough
    // for that to be cheap, and it spares the UI chunk the per-component @preact/signals integration.
    stopRendering = effect(() => {
      render(<App strings={strings} />, wrapper);
      moveFocus(model.stepIndex.value, model.invalidAt.value);
    });
    if (view.value === 'form') opened();
  });

  return {
    close() {
      closeForm();
      remove();
    },
  };
}

function titleOf(form: PublishedForm, lang: string): string {
  const first = form.steps[0];
  return first && 'fields' in first ? text(first.text?.title, lang) : '';
}
