import { open } from './surface.tsx';

/** The tab that reopens a closed form: a top-layer popover button at the edge of the screen. */
export function TeaserTab({ label, position, modal, onOpen }: { label: string; position: string; modal: boolean; onOpen: () => void }) {
  return (
    <button
      ref={(el) => {
        if (el) open(el);
      }}
      type="button" popover="manual" class={`teaser t-${position}`} aria-haspopup={modal ? 'dialog' : undefined} onClick={onOpen}>
      {label}
    </button>
  );
}
