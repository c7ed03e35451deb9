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
/**
 * The JSON tab's CodeMirror (view, state, language, JSON grammar and linting; no search or
 * autocompletion), gzip: fetched only when that tab first opens, so the editor page's ceiling above
 * does not carry it. CodeMirror's core alone is most of it.
 */
const JSON_TAB_CEILING = 120 * 1024;
const lazy = (file: string) => /json-code/.test(file);

describe('studio bundle', () => {
  if (!existsSync(`${DIR}/studio/index.html`)) throw new Error('dist/widget/studio is missing: run `npm run build` first (`npm test` does).');
  const files = studioSizes(DIR);

  it(`keeps the editor page under ${STUDIO_CEILING / 1024} KB gzip`, () => {
    const page = files.filter((f) => !f.file.includes('preview') && !lazy(f.file));
    const gzip = page.reduce((s, f) => s + f.gzip, 0);
    expect(gzip).toBeGreaterThan(5000);
    expect(gzip).toBeLessThanOrEqual(STUDIO_CEILING);
  });

  it(`loads CodeMirror only for the JSON tab, in one chunk under ${JSON_TAB_CEILING / 1024} KB gzip`, () => {
    const chunks = files.filter((f) => lazy(f.file));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.gzip).toBeLessThanOrEqual(JSON_TAB_CEILING);
    const page = files.filter((f) => !f.file.includes('preview') && !lazy(f.file));
    for (const f of page) expect(readFileSync(`${DIR}/${f.file}`, 'utf8'), f.file).not.toMatch(/cm-content|EditorView/);
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
