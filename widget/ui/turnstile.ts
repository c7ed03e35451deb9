/**
 * Cloudflare Turnstile for a form's first step, as the form model uses it. The check itself
 * (widget/ui/turnstile-check.ts) is its own chunk: forms without Turnstile never fetch it, and the
 * UI chunk carries only these few lines.
 */
export interface Challenge {
  /** Renders the check into the host element, once. */
  mount(host: HTMLElement): void;
  /** The current token, waiting up to `ms` for one. */
  take(ms: number): Promise<string | undefined>;
  /** Tokens are single-use: once a submission spent one, ask for a fresh one. */
  reset(): void;
  remove(): void;
}

export function createChallenge(sitekey: string, nonce?: string): Challenge {
  const check = import('./turnstile-check.ts').then((m) => m.createChallenge(sitekey, nonce));
  return {
    mount: (host) => void check.then((c) => c.mount(host)),
    take: (ms) => check.then((c) => c.take(ms)),
    reset: () => void check.then((c) => c.reset()),
    remove: () => void check.then((c) => c.remove()),
  };
}
