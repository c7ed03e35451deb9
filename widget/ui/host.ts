/**
 * The isolation boundary: every form renders inside its own shadow root, styles included,
 * so host CSS cannot reach in and ours cannot leak out.
 */
export interface Host {
  element: HTMLElement;
  root: ShadowRoot;
  remove(): void;
}

export function createHost(css: string, options: { nonce?: string; container?: Element; block?: boolean } = {}): Host {
  const element = document.createElement('inlet-form');
  // `all: initial` on the host element stops the page's inherited styles (fonts, colours, `* { all: unset }`)
  // at the boundary. Set through CSSOM, which a strict CSP allows (a `style` attribute it would block).
  element.style.setProperty('all', 'initial', 'important');
  // Firefox and WebKit expand `all` into longhands; text spacing left `!important` inline would stop a
  // reader's own spacing styles (WCAG 1.4.12, axe `avoid-inline-spacing`), so those three stay overridable.
  for (const spacing of ['letter-spacing', 'word-spacing', 'line-height']) element.style.setProperty(spacing, 'initial');
  element.style.setProperty('display', options.block ? 'block' : 'inline', 'important');
  const root = element.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    // Constructable stylesheets are not subject to style-src, so a strict CSP needs no nonce for them.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    if (options.nonce) style.nonce = options.nonce;
    style.textContent = css;
    root.append(style);
  }
  (options.container ?? document.body).append(element);
  return { element, root, remove: () => element.remove() };
}
