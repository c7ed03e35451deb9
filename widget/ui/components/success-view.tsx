import type { ViewProps } from './form-view.tsx';
import { text } from '../form-types.ts';
import type { WheelConfig } from '../wheel.ts';
import { track } from '../analytics.ts';

/**
 * The last step: thanks (in words that match what the visitor consented to), the coupon with a copy
 * button and a link that applies it at checkout, and an optional call to action.
 */
export function SuccessView({ model, strings, lang, uid, onClose }: Pick<ViewProps, 'model' | 'strings' | 'lang' | 'uid'> & { onClose?: () => void }) {
  const copied = model.copied.value;
  const step = model.step.value;
  const success = step && 'success' in step ? step.success : undefined;
  const ticked = model.consented.value;
  const by = success?.byConsent;
  const chosen = (ticked.includes('sms') && by?.sms) || (ticked.includes('email') && by?.email) || (!ticked.length && by?.none) || undefined;
  const title = text(chosen?.title ?? success?.title, lang) || strings.thanks;
  const body = text(chosen?.body ?? success?.body, lang);
  // A code the proxy handed out with the sign-up replaces the form's fixed one; a wheel reveals it once at rest.
  const offer = model.offer.value;
  const segment = offer?.segment;
  const wheel = segment !== undefined ? (model.form.offer as { wheel?: WheelConfig } | undefined)?.wheel : undefined;
  const shown = !wheel || model.spun.value;
  const coupon = shown ? (offer ? offer.code : success?.coupon) : undefined;
  const note = shown ? text(offer?.message, lang) : '';
  // The wheel's chunk is fetched only here, and builds itself into the element once.
  const mountWheel = (host: HTMLDivElement | null) => {
    if (host && !host.childElementCount) void import('../wheel.ts').then((m) => m.mountWheel(host, wheel!, segment!, (v) => text(v, lang), strings, () => (model.spun.value = true)));
  };
  const beacon = (name: string) => track(model.options, name, model.form.id, model.stepIndex.value);
  const copy = async (button: HTMLElement, code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      model.copied.value = true;
      beacon('coupon_copy');
    } catch {
      // Without clipboard access, select the code so the visitor can copy it themselves.
      getSelection()?.selectAllChildren(button.previousElementSibling!);
    }
  };
  const primary = coupon && success?.applyUrl ? { label: strings.apply, url: success.applyUrl.replace('{code}', encodeURIComponent(coupon)) } : success?.cta && { label: text(success.cta.label, lang), url: success.cta.url };
  return (
    <div class="success">
      <h2 id={`${uid}-title`} tabIndex={-1}>{title}</h2>
      {body ? <p class="body">{body}</p> : null}
      {wheel ? <div class="wheel" ref={mountWheel} /> : null}
      {note ? <p class="body">{note}</p> : null}
      {coupon ? (
        <div class="coupon">
          <code>{coupon}</code>
          <button type="button" class="copy" onClick={(e) => void copy(e.currentTarget, coupon)}>
            {copied ? strings.copied : strings.copy}
          </button>
        </div>
      ) : null}
      <p class="sr" role="status">{copied ? strings.copied : ''}</p>
      {primary ? (
        <a class="submit" href={primary.url} onClick={() => beacon('cta_click')}>
          {primary.label}
        </a>
      ) : null}
      {onClose ? (
        <button type="button" class={primary ? 'skip' : 'submit'} onClick={onClose}>
          {strings.done}
        </button>
      ) : null}
    </div>
  );
}
