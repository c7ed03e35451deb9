/**
 * The studio's bundle: its own files under dist/widget/studio, with a gzip ceiling, no secret or
 * Braze host, and nothing of it in the files visitors load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWidget } from './bundle-budget.ts';
import { studioSizes } from '../bench/bytes.ts';

const DIR = 'dist/widget';
/** The editor page's JS and CSS, gzip. Raise it deliberately, in the commit that needs it. */
const STUDIO_CEILING = 40 * 1024;

describe('studio bundle', () => {
  if (!existsSync(`${DIR}/studio/index.html`)) throw new Error('dist/widget/studio is missing: run `npm run build` first (`npm test` does).');
  const files = studioSizes(DIR);

  it(`keeps the editor page under ${STUDIO_CEILING / 1024} KB gzip`, () => {
    const page = files.filter((f) => !f.file.includes('preview'));
    const gzip = page.reduce((s, f) => s + f.gzip, 0);
    expect(gzip).toBeGreaterThan(5000);
    expect(gzip).toBeLessThanOrEqual(STUDIO_CEILING);
  });

  it('ships no secret, Braze host or zod (validation runs on the proxy)', () => {
    for (const f of files) {
      const text = readFileSync(`${DIR}/${f.file}`, 'utf8');
      for (const word of ['braze.com', 'braze.eu', 'api_key', 'BRAZE_API_KEY', 'ZodError']) expect(text, `${f.file} contains ${word}`).not.toContain(word);
    }
  });

  it('leaves the visitor files without any studio code, and the preview importing the very UI chunk visitors get', () => {
    const visitor = readWidget(DIR);
    for (const f of visitor) expect(f.text, f.name).not.toMatch(/inlet-preview|\/v1\/studio/);
    const ui = visitor.find((f) => f.kind === 'ui')!;
    const preview = files.find((f) => f.file.includes('preview'))!;
    expect(readFileSync(`${DIR}/${preview.file}`, 'utf8')).toContain(ui.name);
  });
});
