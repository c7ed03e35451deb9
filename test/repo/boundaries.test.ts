import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every `import … from '…'` / `export … from '…'` with whether it is type-only. */
function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?\sfrom\s+['"]([^'"]+)['"]/gm)) found.push({ spec: m[3]!, typeOnly: Boolean(m[2]) });
  // Dynamic imports load code at run time, so they never count as type-only.
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

describe('module boundaries', () => {
  it('widget/ imports proxy/ only as types', () => {
    const offenders = sources('widget').flatMap((file) =>
      imports(file).filter((i) => i.spec.includes('proxy/') && !i.typeOnly).map((i) => `${file} → ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('proxy/ never imports widget/', () => {
    const offenders = sources('proxy').flatMap((file) => imports(file).filter((i) => i.spec.includes('widget/')).map((i) => `${file} → ${i.spec}`));
    expect(offenders).toEqual([]);
  });

  // Templates are data every part reads (proxy tests, demo, widget tests, the studio): they import nothing
  // but their own JSON, so reading them can never pull the proxy, zod or Node into a bundle.
  it('templates/ imports nothing but its own JSON files', () => {
    const offenders = sources('templates').flatMap((file) => imports(file).filter((i) => !/^\.\/[\w-]+\.json$/.test(i.spec)).map((i) => `${file} → ${i.spec}`));
    expect(sources('templates')).toContain('templates/index.ts');
    expect(offenders).toEqual([]);
  });

  it('widget/ never imports zod', () => {
    const offenders = sources('widget').flatMap((file) => imports(file).filter((i) => i.spec === 'zod' || i.spec.startsWith('zod/')).map((i) => `${file} → ${i.spec}`));
    expect(offenders).toEqual([]);
  });

  it('the proxy core uses no Node built-in (only the Node adapter and the CLIs may)', () => {
    const nodeOnly = ['adapters/node', 'cli'].map((dir) => join('proxy', dir) + '/');
    const core = sources('proxy').filter((file) => !nodeOnly.some((dir) => file.startsWith(dir)));
    const offenders = core.flatMap((file) => imports(file).filter((i) => i.spec.startsWith('node:') && !i.typeOnly).map((i) => `${file} → ${i.spec}`));
    expect(offenders).toEqual([]);
  });

  // The whole graph a bundler follows from each edge entry point, npm packages included, with bare
  // names (`fs`) as well as `node:fs`: what the runtime would have to provide.
  it.each(['cloudflare/worker', 'vercel/index', 'netlify/index', 'deno/index'])('the %s adapter reaches no Node built-in through any import', async (adapter) => {
    const reached: string[] = [];
    const result = await build({
      entryPoints: [`proxy/adapters/${adapter}.ts`],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'edge-light', 'browser'],
      logLevel: 'silent',
      plugins: [
        {
          name: 'node-builtins',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              const bare = args.path.replace(/^node:/, '').split('/')[0]!;
              if (!args.path.startsWith('node:') && !builtinModules.includes(bare)) return undefined;
              reached.push(`${args.importer} → ${args.path}`);
              return { path: args.path, external: true };
            });
          },
        },
      ],
    });
    expect(reached).toEqual([]);
    // The graph really was walked: Inlet's core and its npm dependencies are in it.
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('proxy/handler.ts');
    expect(inputs.some((i) => i.startsWith('node_modules/zod/'))).toBe(true);
  });
});
