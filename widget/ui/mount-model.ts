/**
 * What a mounted form shows and where focus goes, as signals outside any component: the form, its
 * teaser or nothing; the live-region text; and the focus rules (into a modal when it opens, to each
 * new step's first field, to the first invalid field after a failed submit).
 */
import { signal } from '@preact/signals-core';
import type { FormModel } from './form-model.ts';

export type View = 'form' | 'teaser' | 'none';

export interface MountModelOptions {
  model: FormModel;
  modal: boolean;
  /** The form may fall back to a teaser tab when closed before completion. */
  teaser: boolean;
  /** Inline forms are part of the page: closing one removes it. */
  inline: boolean;
  startAs: View;
  /** The form's accessible name, announced when a non-modal form appears. */
  name: () => string;
  /** Side effects of the view changing, provided by the mount (DOM, events). */
  onOpen: () => void;
  onClosed: (completed: boolean) => void;
  onRemove: () => void;
}

export function createMountModel(o: MountModelOptions) {
  const view = signal<View>(o.startAs);
  const announce = signal('');
  let returnFocus = document.activeElement as HTMLElement | null;
  let focusedStep = -1;
  let focusedInvalid = 0;

  function opened() {
    o.onOpen();
    // Non-modal forms announce themselves instead of taking focus; the live region exists before its text.
    if (!o.modal) setTimeout(() => (announce.value = o.name()), 100);
  }

  function close() {
    if (view.value !== 'form') return;
    const completed = o.model.status.value === 'done';
    announce.value = '';
    view.value = o.teaser && !completed && !o.inline ? 'teaser' : 'none';
    o.onClosed(completed);
    if (view.value === 'none') o.onRemove();
    return view.value;
  }

  function reopen() {
    returnFocus = null;
    focusedStep = -1;
    view.value = 'form';
    opened();
  }

  /** Where focus goes after a close: back where it was, or to the teaser that replaced the form. */
  const focusAfterClose = (teaser: HTMLElement | null) => (view.value === 'teaser' ? teaser : returnFocus)?.focus?.();

  /** Called after each render with the panel and whether focus is inside the form. */
  function moveFocus(panel: Element | null, focusInside: boolean) {
    if (!panel) return;
    const step = o.model.stepIndex.value;
    const invalid = o.model.invalidAt.value;
    if (step !== focusedStep && (o.modal || (focusedStep >= 0 && focusInside))) {
      const field = panel.querySelector('.field');
      (field?.querySelector<HTMLElement>('input') ?? field?.querySelector<HTMLElement>('select') ?? panel.querySelector<HTMLElement>('h2'))?.focus();
    }
    if (invalid !== focusedInvalid) panel.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    focusedStep = step;
    focusedInvalid = invalid;
  }

  return { view, announce, opened, close, reopen, focusAfterClose, moveFocus };
}

export type MountModel = ReturnType<typeof createMountModel>;
