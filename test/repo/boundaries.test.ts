import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { RENAMED, VARIABLES } from '../../proxy/settings.ts';

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

  // Delivery says why it could not take a sign-up with typed DeliveryErrors; only the route knows HTTP.
  it('proxy/delivery/ knows no HTTP: no HttpError, no hono', () => {
    const offenders = sources('proxy/delivery').flatMap((file) => [
      ...imports(file).filter((i) => i.spec === '../errors.ts' || i.spec.startsWith('hono')).map((i) => `${file} → ${i.spec}`),
      ...(/\bHttpError\b/.test(readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')) ? [`${file} uses HttpError`] : []),
    ]);
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

  // Runtime-specific code: a platform's globals, its modules, its own request headers.
  const RUNTIME_CODE = [
    /\bDeno\./,
    /\bNetlify\./,
    /\bBun\./,
    /\bEdgeRuntime\b/,
    /from ['"](@hono\/node-server|cloudflare:[\w-]+|@cloudflare\/workers-types[^'"]*)['"]/,
    /['"](cf-connecting-ip|cf-ipcountry|x-vercel-ip-country|x-real-ip|x-nf-client-connection-ip)['"]/,
    /\brequest\.cf\b|\.cf\?\./,
    /\bwaitUntil\b/,
  ];

  it('runtime code lives only in proxy/adapters/<runtime>/', () => {
    const core = sources('proxy').filter((file) => !file.startsWith('proxy/adapters/'));
    const offenders = core.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (RUNTIME_CODE.some((pattern) => pattern.test(line)) && !/^\s*(\/\*|\*|\/\/)/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  // What reads the environment: the runtimes' own APIs, and a setting's name read off a bindings object.
  const settingNames = [...Object.keys(VARIABLES), ...Object.keys(RENAMED)].join('|');
  const ENV_READ = [/\bprocess(\?)?\.env\b/, /\bDeno\.env\b/, /\bNetlify\.env\b/, new RegExp(`\\benv(\\?)?\\.(${settingNames})\\b`), new RegExp(`\\[['"](${settingNames})['"]\\]`)];
  /** A thin getter handing one variable to the reader: `(name) => process.env[name]` and its kin. */
  const GETTER = /\(name(: string)?\)(: [^=]+)? => .*(process(\?\.|\.)env(\?\.)?\[name\]|Deno\.env\.get\(name\)|Netlify\.env\.get\(name\)|env\[name\])/;

  it('only proxy/settings.ts reads the environment (adapters pass it a getter)', () => {
    const files = [...sources('proxy'), 'demo/start.ts', 'demo/stack.ts'].filter((file) => file !== 'proxy/settings.ts');
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (ENV_READ.some((pattern) => pattern.test(line)) && !GETTER.test(line) && !/^\s*(\/\*|\*|\/\/)/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('the boundary checks catch what they are for', () => {
    expect(RUNTIME_CODE.some((p) => p.test("const ip = request.headers.get('cf-connecting-ip');"))).toBe(true);
    expect(ENV_READ.some((p) => p.test('const port = Number(process.env.PORT ?? 8787);'))).toBe(true);
    expect(ENV_READ.some((p) => p.test('const token = env.ADMIN_TOKEN;'))).toBe(true);
    expect(GETTER.test("readSettings('node', (name) => process.env[name])")).toBe(true);
    expect(GETTER.test('const port = process.env.PORT;')).toBe(false);
  });

  it('no adapter entry is over 30 lines', () => {
    const entries = ['node/main.ts', 'cloudflare/worker.ts', 'vercel/index.ts', 'netlify/index.ts', 'deno/index.ts'].map((f) => `proxy/adapters/${f}`);
    const long = entries.map((file) => [file, readFileSync(file, 'utf8').trimEnd().split('\n').length] as const).filter(([, lines]) => lines > 30);
    expect(long).toEqual([]);
  });
});

