/**
 * The UI chunk: loaded by the loader only when a form is to be shown. Renders one form, in any
 * layout, inside its own shadow root, in the form's language and direction; built-in strings for
 * that language load alongside.
 */
import { render } from 'preact';
import { effect } from '@preact/signals-core';
import css from './styles.css?inline';
import { createHost } from './host.ts';
import { createFormModel } from './form-model.ts';
import { createMountModel } from './mount-model.ts';
import { pickLanguage } from './language.ts';
import { designClasses, loadWebFont, themeCss } from './theme.ts';
import { emit } from './events.ts';
import { track } from './analytics.ts';
import { followViewport } from './viewport.ts';
import { text } from './form-types.ts';
import { loadStrings, RTL, type UiStrings } from '../i18n/index.ts';
import { FormView } from './components/form-view.tsx';
import { Surface, isModal } from './components/surface.tsx';
import { TeaserTab } from './components/teaser.tsx';
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
  const host = createHost(css + themeCss(form.theme, () => getComputedStyle(container).fontFamily, p?.media?.overlay), { nonce: options.nonce, container, block: layout === 'inline' });
  loadWebFont(form.theme, options.nonce);
  const model = createFormModel(form, { ...options, lang });
  const uid = `inlet-${form.id}-${++mounted}`;
  const modal = isModal(layout);
  // The form speaks its own language and direction, whatever the page around it does.
  const wrapper = document.createElement('div');
  wrapper.className = designClasses(form);
  wrapper.lang = lang;
  wrapper.dir = RTL.includes(lang.slice(0, 2).toLowerCase()) ? 'rtl' : 'ltr';
  host.root.append(wrapper);
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

  const ui = createMountModel({
    model,
    modal,
    teaser: Boolean(p?.teaser),
    inline: layout === 'inline',
    startAs: options.view === 'teaser' && p?.teaser ? 'teaser' : 'form',
    name: () => titleOf(form, lang) || text(p?.label, lang),
    onOpen() {
      stopViewport = followViewport(host.element, host.root);
      // Turnstile starts once the first step is on screen, not while only a teaser shows.
      if (!model.stepIndex.value) model.challenge?.mount(host.element);
      emit(options, 'show', model.detail());
    },
    onClosed(completed) {
      stopViewport();
      emit(options, 'close', { ...model.detail(), completed });
    },
    onRemove: remove,
  });
  // Analytics beacons for what `emit` does not announce: the teaser shown (clicked: `reopen` below);
  // the success step sends its own (coupon copied, call to action).
  ui.view.subscribe((v) => v == 'teaser' && track(options, 'teaser_view', form.id));

  const closeForm = () => {
    if (!ui.close()) return;
    // After the re-render: focus goes back where it was, or to the teaser that replaced the form.
    if (modal) setTimeout(() => ui.focusAfterClose(host.root.querySelector<HTMLElement>('.teaser')));
    options.onClose?.();
  };

  function App({ strings }: { strings: UiStrings }) {
    const view = ui.view.value;
    if (view === 'teaser') return <TeaserTab label={text(p!.teaser!.text, lang)} position={p!.teaser!.position} modal={modal} onOpen={() => (track(options, 'teaser_click', form.id), ui.reopen())} />;
    if (view === 'none') return null;
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
            {ui.announce.value}
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
      ui.moveFocus(wrapper.querySelector('.panel'), Boolean(host.root.activeElement));
    });
    if (ui.view.value === 'form') ui.opened();
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
