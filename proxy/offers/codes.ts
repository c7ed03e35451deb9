/**
 * Codes into a pool: parsed from a CSV export (a shop's discount codes, one per row, first column
 * or the column named "code") or generated from a pattern. Errors name the line or the pattern
 * and say how to fix it.
 */
const CODE = /^[A-Za-z0-9_-]{1,64}$/;
/** No I, O, 0 or 1: codes are read off screens and typed by hand. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const DIGITS = '0123456789';

export type CodesResult = { codes: string[]; duplicates: number } | { error: string };

export function parseCodesCsv(text: string): CodesResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let column = 0;
  let first = true;
  const seen = new Set<string>();
  let duplicates = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (first) {
      first = false;
      // A header row: take the column named "code" if there is one, else skip a first row that is no code.
      const named = cells.findIndex((c) => c.toLowerCase() === 'code');
      if (named >= 0) {
        column = named;
        continue;
      }
      if (!CODE.test(cells[0] ?? '')) continue;
    }
    const code = cells[column] ?? '';
    if (!CODE.test(code)) return { error: `line ${i + 1}: "${code.slice(0, 70)}" is not a code: codes are 1 to 64 letters, digits, "-" or "_"; fix the line or remove it` };
    if (seen.has(code)) duplicates += 1;
    else seen.add(code);
  }
  if (seen.size === 0) return { error: 'the file holds no codes: give one code per line (or a column named "code")' };
  return { codes: [...seen], duplicates };
}

/** `X` is a letter or digit (no look-alikes), `#` a digit, anything else is kept: "WELCOME-XXXXXX". */
export function generateCodes(pattern: string, count: number, random: (n: number) => number = randomIndex): CodesResult {
  if (!CODE.test(pattern.replace(/[X#]/g, 'A'))) return { error: `pattern "${pattern}": codes are up to 64 letters, digits, "-" or "_"; use X for a random letter or digit and # for a random digit` };
  const slots = [...pattern].filter((c) => c === 'X' || c === '#');
  const space = slots.reduce((n, c) => n * (c === 'X' ? ALPHABET.length : DIGITS.length), 1);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) return { error: '--count must be a whole number from 1 to 1,000,000' };
  // Guessable codes leak: ask for at least 1,000 possible codes per code made.
  if (space < count * 1000) return { error: `pattern "${pattern}" allows ${space} codes, too few to make ${count} hard to guess; add X characters (each multiplies the possibilities by ${ALPHABET.length})` };
  const codes = new Set<string>();
  while (codes.size < count) {
    codes.add([...pattern].map((c) => (c === 'X' ? ALPHABET[random(ALPHABET.length)] : c === '#' ? DIGITS[random(DIGITS.length)] : c)).join(''));
  }
  return { codes: [...codes], duplicates: 0 };
}

function randomIndex(n: number): number {
  // Rejection sampling keeps every character equally likely.
  const limit = Math.floor(0x100000000 / n) * n;
  for (;;) {
    const [x] = crypto.getRandomValues(new Uint32Array(1)) as unknown as [number];
    if (x < limit) return x % n;
  }
}
