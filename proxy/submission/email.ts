/**
 * Braze's email rule (demo/sandbox/braze-api.md §3.1, from Braze's "Email validation" page): an
 * address passes here exactly when Braze would store it, so a refused one is a field error for the
 * visitor instead of a 202 followed by a dead letter. Where the page is UNCERTAIN this side is
 * tolerant (§3.1 lists each reading).
 */

// Ruby's \w is ASCII; the page's pattern for a host containing one of these words.
const MICROSOFT = /msn|hotmail|outlook|live/;
const MICROSOFT_LOCAL = /^\w[-\w]*(?:\.[-\w]+)*$/;
const LOCAL = /^[\p{L}\p{N}_-](?:[.+'\p{L}\p{N}_&#/-]*[\p{L}\p{N}_-])?$/u;
const LABEL = '[a-z\\d](?:[a-z\\d-]{0,61}[a-z\\d])?';
const HOST = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);
// UNCERTAIN whether the API checks ICANN's list: refuse only what no TLD on it can be (one letter,
// a leading digit, all digits); `xn--` TLDs pass.
const TLD = /\.[a-z][a-z\d-]*[a-z\d]$/;

/** The address as Braze stores it (lower case, punycode domain), or undefined when Braze refuses it. */
export function brazeEmail(raw: string): string | undefined {
  const value = raw.trim();
  // 254: RFC 5321, which Braze does not state (UNCERTAIN); no real mailbox is longer.
  if (value.length > 254 || /\s/u.test(value)) return undefined;
  const at = value.indexOf('@');
  if (at < 1 || value.indexOf('@', at + 1) !== -1) return undefined;
  const local = value.slice(0, at);
  let host: string;
  try {
    // A Unicode domain goes to Braze punycode-encoded, as Braze requires.
    host = new URL(`http://${value.slice(at + 1)}`).hostname;
  } catch {
    return undefined;
  }
  const written = value.slice(at + 1);
  // URL also takes what Braze refuses (an IP, a port, %-escapes): an ASCII host must come out as written.
  if (!HOST.test(host) || !TLD.test(host) || (/^[\x00-\x7f]*$/.test(written) && host !== written.toLowerCase())) return undefined;
  if (MICROSOFT.test(host) ? !MICROSOFT_LOCAL.test(local.split('+')[0]!) : !LOCAL.test(local)) return undefined;
  if (host === 'gmail.com' && [...local].length < 2) return undefined;
  return `${local}@${host}`.toLowerCase();
}
