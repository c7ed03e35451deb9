/**
 * The widget files' names and headers, the same on every runtime: only scripts are served; hashed
 * names are immutable for a year, `inlet.js` itself stays short-lived so a deploy reaches pages
 * quickly; CORS for the module chunks a host page fetches cross-origin.
 */

/** The request path of a widget file, or `undefined` for anything else (no folders, no dot files). */
export function widgetFileName(path: string): string | undefined {
  const match = /^\/([\w][\w.-]*\.m?js)$/.exec(path);
  return match?.[1];
}

export function assetHeaders(name: string): Headers {
  const hashed = /-[\w-]{8}\.m?js$/.test(name);
  return new Headers({
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    // The loader and chunks are fetched cross-origin by the host page (module scripts need CORS).
    'access-control-allow-origin': '*',
  });
}

export type Encoding = 'br' | 'gzip';

/** The precompressed encodings the request accepts, best first (`q=0` refuses one). */
export function acceptedEncodings(request: Request): Encoding[] {
  const header = request.headers.get('accept-encoding') ?? '';
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).filter(ok);
}
