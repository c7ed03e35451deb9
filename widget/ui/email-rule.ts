/**
 * Braze's email rule (demo/sandbox/braze-api.md §3.1), written again here so the widget bundle
 * carries no proxy code; test/proxy/email-rule.test.ts holds both to Braze's documented verdicts.
 * Its own chunk, importing nothing, loaded by widget/ui/validate.ts when a form opens.
 */
const LOCAL = /^[\p{L}\p{N}_-](?:[.+'\p{L}\p{N}_&#/-]*[\p{L}\p{N}_-])?$/u;
const MS_LOCAL = /^\w[-\w]*(?:\.[-\w]+)*$/;
const HOST = /^(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.)+[a-z][a-z\d-]*[a-z\d]$/;

export function isBrazeEmail(str: string): boolean {
  const [local, written, more] = str.split('@');
  let host = '';
  try {
    host = new URL('http://' + written).hostname;
  } catch {}
  return (
    str.length < 255 &&
    more === undefined &&
    HOST.test(host) &&
    (/[^\0-\x7f]/.test(written!) || host === written!.toLowerCase()) &&
    (/msn|hotmail|outlook|live/.test(host) ? MS_LOCAL.test(local!.split('+')[0]!) : LOCAL.test(local!)) &&
    (host !== 'gmail.com' || [...local!].length > 1)
  );
}

