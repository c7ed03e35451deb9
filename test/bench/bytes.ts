/**
 * Part 1, bytes: raw / gzip -9 / brotli -11 of every widget file, against the Braze Web SDK
 * minimal bundle compressed the same way.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { BrazeBundle } from './braze-bundle.ts';
import type { Section } from './report.ts';
import { bytes, ratio } from './stats.ts';

export interface FileSize {
  label: string;
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export function sizeOf(label: string, file: string, data: Uint8Array): FileSize {
  return {
    label,
    file,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }).length,
  };
}

/** The build's files by role, from Vite's manifest (names are content-hashed). */
export interface WidgetFiles {
  loader: string;
  esm?: string;
  ui: string;
  phone?: string;
  locales: Record<string, string>;
  other: string[];
}

export function widgetFiles(dir: string): WidgetFiles {
  const manifestPath = join(dir, '.vite/manifest.json');
  if (!existsSync(join(dir, 'inlet.js')) || !existsSync(manifestPath)) throw new Error(`${dir} has no built widget: run \`npm run build\` first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string }>;
  const present = new Set(readdirSync(dir).filter((n) => /\.m?js$/.test(n)));
  const files: WidgetFiles = { loader: 'inlet.js', ui: '', locales: {}, other: [] };
  for (const [src, entry] of Object.entries(manifest)) {
    const wanted = src === 'widget/ui/index.tsx' || src === 'widget/index.ts' || /phone|^widget\/i18n\//.test(src);
    if (!present.has(entry.file)) {
      if (wanted) throw new Error(`${manifestPath} names ${entry.file} for ${src}, which is not in ${dir} (a build running meanwhile?)`);
      continue;
    }
    const locale = /^widget\/i18n\/([a-z]{2}(?:-[A-Z]{2})?)\.ts$/.exec(src);
    if (src === 'widget/ui/index.tsx') files.ui = entry.file;
    else if (src === 'widget/index.ts') files.esm = entry.file;
    else if (/phone/.test(src)) files.phone = entry.file;
    else if (locale) files.locales[locale[1]!] = entry.file;
  }
  if (!files.ui) throw new Error(`${manifestPath} names no UI chunk (widget/ui/index.tsx)`);
  const known = new Set([files.loader, files.esm, files.ui, files.phone, ...Object.values(files.locales)]);
  files.other = [...present].filter((n) => !known.has(n)).sort();
  return files;
}

export function measureBytes(dir: string, braze: BrazeBundle): Section {
  const files = widgetFiles(dir);
  const read = (name: string) => readFileSync(join(dir, name));
  const sizes: FileSize[] = [sizeOf('Inlet loader `inlet.js` (on every page)', files.loader, read(files.loader))];
  sizes.push(sizeOf('Inlet UI chunk (when a form opens)', files.ui, read(files.ui)));
  if (files.phone) sizes.push(sizeOf('Inlet phone chunk (forms with a phone field)', files.phone, read(files.phone)));
  for (const [lang, file] of Object.entries(files.locales)) sizes.push(sizeOf(`Inlet locale \`${lang}\``, file, read(file)));
  if (files.esm) sizes.push(sizeOf('Inlet ES module entry `inlet.mjs` (alternative to the loader)', files.esm, read(files.esm)));
  for (const file of files.other) sizes.push(sizeOf(`other chunk \`${basename(file)}\``, file, read(file)));
  const sdk = sizeOf(`Braze Web SDK ${braze.sdkVersion}, minimal use (esbuild)`, braze.name, braze.code);

  const sum = (label: string, parts: FileSize[]): FileSize => ({
    label,
    file: parts.map((p) => p.file).join(' + '),
    raw: parts.reduce((s, p) => s + p.raw, 0),
    gzip: parts.reduce((s, p) => s + p.gzip, 0),
    brotli: parts.reduce((s, p) => s + p.brotli, 0),
  });
  const loader = sizes[0]!;
  const ui = sizes[1]!;
  const en = sizes.find((s) => s.file === files.locales.en);
  const opened = sum('**Inlet, pop-up open** (loader + UI + `en`)', [loader, ui, ...(en ? [en] : [])]);
  const phone = sizes.find((s) => s.file === files.phone);
  const totals = [sum('**Inlet before any trigger** (loader)', [loader]), opened];
  if (phone) totals.push(sum('**Inlet, pop-up with a phone field** (+ phone chunk)', [loader, ui, ...(en ? [en] : []), phone]));

  const row = (s: FileSize) => [s.label, bytes(s.raw), bytes(s.gzip), bytes(s.brotli), ratio(s.gzip, sdk.gzip), ratio(s.brotli, sdk.brotli)];
  const studio = studioSizes(dir);
  return {
    id: 'bytes',
    title: '1. Bytes',
    tables: [
      {
        columns: ['file', 'raw B', 'gzip B', 'brotli B', 'gzip vs Braze SDK', 'brotli vs Braze SDK'],
        rows: [...sizes.map(row), ...totals.map(row), row({ ...sdk, label: `**${sdk.label}**` })],
      },
      ...(studio.length
        ? [{ columns: ['studio file (marketers only, never loaded by visitors)', 'raw B', 'gzip B', 'brotli B'], rows: [...studio, sumOf('**Studio, editor page**', studio.filter((f) => !f.file.includes('preview')))].map((s) => [s.label, bytes(s.raw), bytes(s.gzip), bytes(s.brotli)]) }]
        : []),
    ],
    notes: [
      'gzip at level 9 and brotli at quality 11 (what a CDN serves for static files), measured on the files `npm run build` wrote to dist/widget/.',
      `The Braze bundle is test/bench/fixtures/braze-minimal.js (initialize, openSession, changeUser, getUser().setEmail, logCustomEvent) bundled from @braze/web-sdk ${braze.sdkVersion} with esbuild --bundle --minify --format=iife --target=es2020.`,
    ],
    data: { files: sizes, totals, braze: sdk, studio },
  };
}

/** The studio's own bundle (dist/widget/studio/assets), which `readWidget` and the loader never touch. */
export function studioSizes(dir: string): FileSize[] {
  const assets = join(dir, 'studio', 'assets');
  if (!existsSync(assets)) return [];
  return readdirSync(assets)
    .filter((n) => /\.(js|css)$/.test(n))
    .sort()
    .map((n) => sizeOf(`studio \`${n.replace(/-[\w-]{8}\./, '.')}\``, `studio/assets/${n}`, readFileSync(join(assets, n))));
}

function sumOf(label: string, parts: FileSize[]): FileSize {
  return { label, file: parts.map((p) => p.file).join(' + '), raw: parts.reduce((s, p) => s + p.raw, 0), gzip: parts.reduce((s, p) => s + p.gzip, 0), brotli: parts.reduce((s, p) => s + p.brotli, 0) };
}
