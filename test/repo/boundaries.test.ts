import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

  it('widget/ never imports zod', () => {
    const offenders = sources('widget').flatMap((file) => imports(file).filter((i) => i.spec === 'zod' || i.spec.startsWith('zod/')).map((i) => `${file} → ${i.spec}`));
    expect(offenders).toEqual([]);
  });

  it('the proxy core uses no Node built-in (only adapters may)', () => {
    const core = sources('proxy').filter((file) => !file.startsWith(join('proxy', 'adapters')) && !file.includes(`${join('proxy', 'node')}`));
    const offenders = core.flatMap((file) => imports(file).filter((i) => i.spec.startsWith('node:') && !i.typeOnly).map((i) => `${file} → ${i.spec}`));
    expect(offenders).toEqual([]);
  });
});
