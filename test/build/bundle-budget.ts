/**
 * Bundle budget: gzip ceilings per widget file and strings that must never ship to browsers.
 * Raising a ceiling is a deliberate act: change it here, in the same commit as the growth.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Budget {
  /** Gzip ceiling in bytes per file class. */
  ceilings: { loader: number; ui: number; esm: number; phone: number; locale: number; countdown: number; wheel: number; turnstile: number; email: number };
  /** Substrings that must not appear in any widget file. */
  forbidden: string[];
}

export const BUDGET: Budget = {
  // ui: every layout, field type and design primitive (images and fonts are the form's own); phone:
  // libphonenumber-js with its metadata, fetched only for phone fields; locale: one language's built-in
  // strings; countdown: the urgency timer, fetched only by forms that show one; wheel: spin-to-win, only for
  // forms whose offer is a wheel; turnstile: the Cloudflare Turnstile check, only for sites that turn it on; email: Braze's email rule, fetched as a form opens. loader and esm: 3 KB plus the analytics assignment beacon and
  // once-per-visit ping (issue 21 allows at most 3,400 B, for those only).
  ceilings: { loader: 3400, ui: 18 * 1024, esm: 3400, phone: 40 * 1024, locale: 1024, countdown: 1024, wheel: 2 * 1024, turnstile: 1024, email: 512 },
  // zod stays on the proxy; the Braze host, the key and the Turnstile secret only exist server-side.
  forbidden: ['zod', 'ZodError', 'braze.com', 'braze.eu', 'api_key', 'BRAZE_API_KEY', 'secretKey'],
};

export interface WidgetFile {
  name: string;
  kind: keyof Budget['ceilings'] | 'chunk';
  raw: number;
  gzip: number;
  text: string;
}

/** Built-in strings are one chunk per language, named after it (`fr-<hash>.js`). */
const LOCALE = /^[a-z]{2}(-[A-Z]{2})?-[\w-]{8}\.js$/;

export function readWidget(dir: string): WidgetFile[] {
  return readdirSync(dir)
    .filter((name) => /\.m?js$/.test(name))
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      const kind = name === 'inlet.js' ? 'loader' : name === 'inlet.mjs' ? 'esm' : name.startsWith('ui-') ? 'ui' : name.startsWith('phone-') ? 'phone' : name.startsWith('countdown-') ? 'countdown' : name.startsWith('wheel-') ? 'wheel' : name.startsWith('turnstile-check-') ? 'turnstile' : name.startsWith('email-rule-') ? 'email' : LOCALE.test(name) ? 'locale' : 'chunk';
      return { name, kind, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, text: bytes.toString('utf8') };
    });
}

export function checkBudget(files: WidgetFile[], budget: Budget): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const ceiling = file.kind === 'chunk' ? undefined : budget.ceilings[file.kind];
    if (ceiling !== undefined && file.gzip > ceiling) problems.push(`${file.name} is ${file.gzip} B gzip, over its ${ceiling} B ceiling`);
    for (const word of budget.forbidden) {
      if (file.text.includes(word)) problems.push(`${file.name} contains the forbidden string "${word}"`);
    }
  }
  for (const kind of ['loader', 'ui', 'phone', 'locale', 'countdown', 'wheel', 'turnstile', 'email'] as const) {
    if (!files.some((f) => f.kind === kind)) problems.push(`no ${kind} file was built`);
  }
  return problems;
}
