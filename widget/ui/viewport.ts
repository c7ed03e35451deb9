/**
 * Keeps the focused input above the on-screen keyboard: the visual viewport shrinks when the
 * keyboard opens, so its height becomes `--inlet-vh` (the sheet's max height) and the focused
 * element is scrolled into the part still visible.
 */
export function followViewport(host: HTMLElement, root: ShadowRoot): () => void {
  const vv = window.visualViewport;
  const reveal = () => (root.activeElement as HTMLElement | null)?.scrollIntoView?.({ block: 'nearest' });
  const update = () => {
    if (vv) host.style.setProperty('--inlet-vh', `${Math.round(vv.height)}px`);
    reveal();
  };
  update();
  vv?.addEventListener('resize', update);
  root.addEventListener('focusin', reveal);
  return () => {
    vv?.removeEventListener('resize', update);
    root.removeEventListener('focusin', reveal);
  };
}
