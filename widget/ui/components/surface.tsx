/**
 * The element a layout lives in. Modal and full screen are a `<dialog>` opened with showModal():
 * the top layer (no z-index war), the rest of the page inert, Escape to close. Slide-ins and bars
 * are manual popovers: also in the top layer, but non-modal, so they never take focus.
 */
import type { ComponentChildren } from 'preact';

export interface SurfaceProps {
  layout: string;
  /** Extra classes: position and mobile behaviour. */
  variant: string;
  labelledBy?: string;
  label?: string;
  onClose: () => void;
  children: ComponentChildren;
}

export const isModal = (layout: string) => layout === 'modal' || layout === 'fullscreen';

export function Surface({ layout, variant, labelledBy, label, onClose, children }: SurfaceProps) {
  const modal = isModal(layout);
  const common = {
    ref: (el: HTMLElement | null) => {
      if (el && layout !== 'inline') open(el);
    },
    class: `s ${layout} ${variant}`,
    'aria-labelledby': labelledBy,
    'aria-label': labelledBy ? undefined : label,
  };
  if (modal) {
    // Escape fires `cancel`, then `close`; the dialog is already closed by then, our cleanup follows.
    return (
      <dialog {...common} onClose={onClose}>
        {children}
      </dialog>
    );
  }
  return (
    <section
      {...common}
      popover={layout === 'inline' ? undefined : 'manual'}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && layout !== 'inline') onClose();
      }}
    >
      {children}
    </section>
  );
}

/** Puts a surface in the top layer once (ref callbacks run on every render). */
export function open(el: HTMLElement & { showPopover?: () => void }): void {
  if (el instanceof HTMLDialogElement) {
    if (!el.open) el.showModal();
  } else if (el.showPopover && !el.matches(':popover-open')) el.showPopover();
}
