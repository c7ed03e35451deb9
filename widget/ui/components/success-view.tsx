import type { ViewProps } from './form-view.tsx';
import { text } from '../form-types.ts';

/** The last step: thanks, and the coupon code with a copy button when the form has one. */
export function SuccessView({ model, strings, lang, uid, onClose }: Pick<ViewProps, 'model' | 'strings' | 'lang' | 'uid'> & { onClose?: () => void }) {
  const copied = model.copied.value;
  const step = model.step.value;
  const success = step && 'success' in step ? step.success : undefined;
  const copy = async (button: HTMLElement, code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      model.copied.value = true;
    } catch {
      // Without clipboard access, select the code so the visitor can copy it themselves.
      getSelection()?.selectAllChildren(button.previousElementSibling!);
    }
  };
  return (
    <div class="success">
      <h2 id={`${uid}-title`} tabIndex={-1}>{text(success?.title, lang) || strings.thanks}</h2>
      {success?.body ? <p class="body">{text(success.body, lang)}</p> : null}
      {success?.coupon ? (
        <div class="coupon">
          <code>{success.coupon}</code>
          <button type="button" class="copy" onClick={(e) => void copy(e.currentTarget, success.coupon!)}>
            {copied ? strings.copied : strings.copy}
          </button>
        </div>
      ) : null}
      <p class="sr" role="status">{copied ? strings.copied : ''}</p>
      {onClose ? (
        <button type="button" class="submit" onClick={onClose}>
          {strings.done}
        </button>
      ) : null}
    </div>
  );
}
