/**
 * The preview frame: `sandbox="allow-scripts"` (an opaque origin, so no access to the studio's
 * page, cookies or storage) and a CSP with `connect-src 'none'` (so nothing leaves it). It mounts the
 * real UI chunk visitors get, and answers the widget's submissions itself: a preview sign-up goes nowhere.
 */
import type { UiModule, MountedForm, PublishedForm } from '../widget/types.ts';

declare const __INLET_UI_CHUNK__: string;

export interface PreviewMessage {
  type: 'inlet-preview';
  form: PublishedForm;
  lang: string;
  step: number;
  variant?: string;
}

// The widget posts to /v1/submissions: answer as the proxy would, locally.
const accepted = (body: unknown) => new Response(JSON.stringify(body), { status: 202, headers: { 'content-type': 'application/json' } });
window.fetch = async (input: RequestInfo | URL) => (String(input instanceof Request ? input.url : input).includes('/v1/submissions') ? accepted({ id: `preview-${Date.now()}` }) : new Response(null, { status: 204 }));
navigator.sendBeacon = () => true;

// The widget focuses its dialog when it opens, as it should for a visitor. In the preview that would
// pull focus out of the field the marketer is typing in, on every re-render, and drop keystrokes: the
// frame only takes focus when it already has it (the marketer clicked or tabbed into it).
// showModal() moves focus into the dialog by itself, so without focus the dialog opens with `open`,
// pinned and centred as a modal is, its backdrop drawn as a spread shadow.
const focus = HTMLElement.prototype.focus;
HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
  if (document.hasFocus()) focus.call(this, options);
};
const showModal = HTMLDialogElement.prototype.showModal;
HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
  if (document.hasFocus()) showModal.call(this);
  else {
    this.setAttribute('open', '');
    Object.assign(this.style, { position: 'fixed', inset: '0', zIndex: '2147483647' });
    this.style.boxShadow = `${getComputedStyle(this).boxShadow}, 0 0 0 100vmax rgb(0 0 0 / .5)`.replace(/^none, /, '');
  }
};

const ui: Promise<UiModule> = import(/* @vite-ignore */ `/${__INLET_UI_CHUNK__}`);
let current: MountedForm | undefined;
let seq = 0;

function shape(message: PreviewMessage): PublishedForm {
  let form = message.form;
  const variant = form.variants?.find((v) => v.id === message.variant);
  if (variant) {
    const { id: _id, weight: _w, ...overrides } = variant as Record<string, unknown>;
    form = { ...form, ...overrides } as PublishedForm;
  }
  // Start at the chosen step: the steps before it are skipped, so the preview shows it at once.
  const steps = form.steps.slice(Math.min(message.step, form.steps.length - 1));
  return { ...form, steps, variants: undefined, trigger: undefined, presentation: { ...form.presentation, teaser: undefined } } as PublishedForm;
}

window.addEventListener('message', async (event) => {
  if (event.source !== window.parent) return;
  const message = event.data as PreviewMessage;
  if (message?.type !== 'inlet-preview') return;
  const mine = ++seq;
  const module = await ui;
  if (mine !== seq) return;
  current?.close();
  const container = document.getElementById('inline')!;
  container.replaceChildren();
  try {
    current = module.mount(shape(message), { api: location.origin, site: message.form.site, lang: message.lang, variant: message.variant, container });
    window.parent.postMessage({ type: 'inlet-preview-shown', seq: mine }, '*');
  } catch (error) {
    window.parent.postMessage({ type: 'inlet-preview-error', message: error instanceof Error ? error.message : String(error) }, '*');
  }
});
window.parent.postMessage({ type: 'inlet-preview-ready' }, '*');
