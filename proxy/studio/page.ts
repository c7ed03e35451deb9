/** Shown at `/studio` when the studio bundle was not built (`npm run build` builds it). */
export function studioPage(): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Inlet studio</title>
<main style="font:16px system-ui;max-width:40rem;margin:4rem auto"><h1>Inlet studio is not built</h1><p>Run <code>npm run build</code>, then reload.</p></main></html>`;
}
