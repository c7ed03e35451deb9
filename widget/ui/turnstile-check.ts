/**
 * Cloudflare Turnstile on a form's first step, rendered explicitly:
 * https://developers.cloudflare.com/turnstile/get-started/client-side-rendering/
 * Its container is a light-DOM child of the widget's host element, projected into the form through
 * `<slot name="turnstile">`: Turnstile looks its container up in the document and fails inside a
 * shadow root ("document not found"; slots are the known way round it:
 * https://kentonvizdos.com/blog/how-to-use-cloudflare-turnstile-with-lit-components-shadow-dom).
 *
 * Its own chunk, fetched only by forms with Turnstile (widget/ui/turnstile.ts), and so it imports
 * nothing the UI chunk has: a shared import would split a common chunk out of both.
 */

interface Turnstile {
  render(el: HTMLElement, params: object): string | null | undefined;
  reset(id: string): void;
  remove(id: string): void;
}

type WithTurnstile = typeof window & { turnstile?: Turnstile };

let api: Promise<Turnstile> | undefined;

/** One script per page, shared by every form, and by the page itself if it already loaded Turnstile. */
const load = (nonce?: string): Promise<Turnstile> =>
  (api ??= new Promise((resolve, reject) => {
    const ready = () => ((window as WithTurnstile).turnstile ? resolve((window as WithTurnstile).turnstile!) : reject());
    if ((window as WithTurnstile).turnstile) return ready();
    const script = document.createElement('script');
    script.src = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
    script.async = true;
    if (nonce) script.nonce = nonce;
    script.onload = ready;
    // A later form may try again (the visitor's connection or a blocker may have been the cause).
    script.onerror = () => reject((api = undefined));
    document.head.append(script);
  }));

export function createChallenge(sitekey: string, nonce?: string) {
  const token: { value?: string } = {};
  const clear = () => (token.value = undefined);
  let box: HTMLElement | undefined;
  let id: string | null | undefined;
  const withApi = (use: (t: Turnstile, id: string) => void) => {
    const widget = id;
    if (widget) void api?.then((t) => use(t, widget));
  };

  return {
    /** Renders the check into the host element, once. */
    mount(host: HTMLElement) {
      if (box) return;
      const el = (box = document.createElement('div'));
      el.slot = 'turnstile';
      // Light DOM: page styles reach it, so reset them as the host element does (CSSOM, allowed by a strict CSP).
      for (const [name, value] of [['all', 'initial'], ['display', 'block'], ['flex', '1 1 100%'], ['margin', '8px 0 0']]) el.style.setProperty(name!, value!, 'important');
      host.append(el);
      load(nonce).then(
        (t) => {
          if (box === el)
            id = t.render(el, {
              sitekey,
              callback: (value: string) => (token.value = value),
              'error-callback': clear,
              'expired-callback': clear,
              // Shown only when Cloudflare needs the visitor to act; usually a token arrives unseen within a second.
              appearance: 'interaction-only',
              // When it is shown, it spans the form like the inputs (300 px minimum, as 'normal').
              size: 'flexible',
            });
        },
        () => {},
      );
    },
    /** The current token, waiting up to `ms` for one. */
    async take(ms: number): Promise<string | undefined> {
      for (let waited = 0; !token.value && waited < ms; waited += 100) await new Promise((r) => setTimeout(r, 100));
      return token.value;
    },
    /** Tokens are single-use: once a submission spent one, ask for a fresh one. */
    reset() {
      clear();
      withApi((t, widget) => t.reset(widget));
    },
    remove() {
      withApi((t, widget) => t.remove(widget));
      box?.remove();
      box = id = undefined;
    },
  };
}
