/**
 * The isolation boundary: every form renders inside its own shadow root, styles included,
 * so host CSS cannot reach in and ours cannot leak out.
 */
export interface Host {
  element: HTMLElement;
  root: ShadowRoot;
  remove(): void;
}

export function createHost(css: string, nonce?: string, container: Element = document.body): Host {
  const element = document.createElement('inlet-form');
  // `all: initial` on the host element itself guards against `inlet-form { display: none }`-style host rules.
  element.setAttribute('style', 'all:initial');
  const root = element.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    // Constructable stylesheets are not subject to style-src, so a strict CSP needs no nonce for them.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.append(style);
  }
  container.append(element);
  return { element, root, remove: () => element.remove() };
}
