/**
 * Widget build, in two passes (`npm run build` runs both, then `--mode studio` builds the studio):
 *  - default mode: the UI chunk and the ES module entry, as ES modules with lazy chunks;
 *  - `--mode loader`: `inlet.js`, a classic script (IIFE) that knows the UI chunk's hashed name.
 * Output goes to dist/widget/, which the proxy serves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type UserConfig } from 'vite';

const outDir = 'dist/widget';

function uiChunkName(): string {
  const manifest = JSON.parse(readFileSync(`${outDir}/.vite/manifest.json`, 'utf8')) as Record<string, { file: string }>;
  const entry = manifest['widget/ui/index.tsx'];
  if (!entry) throw new Error('Build the UI chunk first: `vite build` before `vite build --mode loader`.');
  return entry.file;
}

type OutputFile = { type: string; fileName: string; code?: string; exports?: string[] };
const PRELOAD_HELPER = '\0vite/preload-helper.js';

/**
 * With modulePreload off and no CSS imports, Vite's preload wrapper around each `import()` has nothing
 * to preload, yet ships ~0.9 KB of link-injecting code: make it `f => f()`, and when that is all a
 * shared chunk holds, inline it so no lazy chunk waits on an extra request.
 */
const noPreloadHelper = {
  name: 'inlet:no-preload-helper',
  enforce: 'pre' as const,
  resolveId: (id: string) => (id === PRELOAD_HELPER ? id : undefined),
  load: (id: string) => (id === PRELOAD_HELPER ? 'export const __vitePreload = (f) => f();' : undefined),
  generateBundle: {
    order: 'post' as const,
    handler(_: unknown, bundle: Record<string, OutputFile>) {
      const helper = Object.values(bundle).find((f) => f.type === 'chunk' && f.fileName.startsWith('preload-helper-') && f.exports?.length === 1);
      if (!helper) return;
      const importLine = new RegExp(`import\\{\\w+ as ([\\w$]+)\\}from"\\./${helper.fileName.replace(/[.$-]/g, '\\$&')}";`);
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && file !== helper) file.code = file.code!.replace(importLine, (_m, name: string) => `const ${name}=f=>f();`);
      }
      delete bundle[helper.fileName];
    },
  },
};

/**
 * Next to every script, its brotli (`.br`) and gzip (`.gz`) copy at the highest level: compressed
 * once at build time, so the Node proxy serves `inlet.js` at its gzip size without compressing per request.
 */
const precompress = {
  name: 'inlet:precompress',
  generateBundle: {
    order: 'post' as const,
    handler(this: { emitFile(file: { type: 'asset'; fileName: string; source: Uint8Array }): void }, _: unknown, bundle: Record<string, OutputFile>) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || !file.code) continue;
        const source = Buffer.from(file.code);
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.br`, source: brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }) });
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.gz`, source: gzipSync(source, { level: 9 }) });
      }
    },
  },
};

/**
 * The template gallery's files in the studio build: each template's images (templates/images/) and
 * its thumbnail (docs/design/<id>.png), under /studio/templates/, so every runtime serves them as the
 * studio's own assets (proxy/studio/templates.ts).
 */
const studioTemplateFiles = {
  name: 'inlet:studio-template-files',
  generateBundle(this: { emitFile(file: { type: 'asset'; fileName: string; source: Uint8Array }): void }) {
    for (const name of readdirSync('templates/images')) this.emitFile({ type: 'asset', fileName: `templates/images/${name}`, source: readFileSync(`templates/images/${name}`) });
    for (const name of readdirSync('docs/design').filter((n) => n.endsWith('.png'))) this.emitFile({ type: 'asset', fileName: `templates/thumbs/${name}`, source: readFileSync(`docs/design/${name}`) });
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'studio') {
    // The studio (studio/): its own bundle under dist/widget/studio, never loaded by visitors. Its
    // preview frame imports the very UI chunk visitors get, so it is built after the widget.
    const studio: UserConfig = {
      root: 'studio',
      base: '/studio/',
      plugins: [studioTemplateFiles],
      oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } },
      define: { 'process.env.NODE_ENV': '"production"', __INLET_UI_CHUNK__: JSON.stringify(uiChunkName()) },
      build: {
        outDir: '../dist/widget/studio',
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        manifest: true,
        rollupOptions: { input: { index: 'studio/index.html', preview: 'studio/preview.html' } },
      },
    };
    return studio;
  }
  const shared = {
    plugins: [noPreloadHelper, precompress],
    oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } },
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  if (mode === 'loader') {
    return {
      ...shared,
      define: { ...shared.define, __INLET_UI_CHUNK__: JSON.stringify(uiChunkName()) },
      build: {
        outDir,
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        lib: { entry: 'widget/loader/main.ts', formats: ['iife' as const], name: 'inletLoader', fileName: () => 'inlet.js' },
      },
    };
  }
  return {
    ...shared,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2020',
      // The surfaces need the popover API and <dialog> (Chrome/Edge 114, Safari 17, Firefox 125), which all
      // have logical properties: without this, each inset-inline-* is expanded into :lang() fallbacks.
      cssTarget: ['chrome114', 'edge114', 'safari17', 'firefox125'],
      minify: true,
      manifest: true,
      modulePreload: false,
      rollupOptions: {
        input: { ui: 'widget/ui/index.tsx', inlet: 'widget/index.ts' },
        preserveEntrySignatures: 'strict' as const,
        output: {
          format: 'es' as const,
          entryFileNames: (chunk: { name: string }) => (chunk.name === 'inlet' ? 'inlet.mjs' : '[name]-[hash].js'),
          chunkFileNames: '[name]-[hash].js',
          assetFileNames: '[name]-[hash][extname]',
        },
      },
    },
  };
});
