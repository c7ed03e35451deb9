import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUDGET, checkBudget, readWidget, type WidgetFile } from './bundle-budget.ts';

const DIR = 'dist/widget';

describe('widget bundle budget', () => {
  if (!existsSync(DIR)) throw new Error('dist/widget is missing: run `npm run build` first (`npm test` does).');
  const files = readWidget(DIR);

  it('keeps the loader ≤ 3,400 B and the UI chunk ≤ 16 KB gzip, with no forbidden string', () => {
    expect(checkBudget(files, BUDGET)).toEqual([]);
  });

  it('fails when a file is over its ceiling', () => {
    const loader = files.find((f) => f.kind === 'loader')!;
    const tight = { ...BUDGET, ceilings: { ...BUDGET.ceilings, loader: loader.gzip - 1 } };
    expect(checkBudget(files, tight)).toEqual([`inlet.js is ${loader.gzip} B gzip, over its ${loader.gzip - 1} B ceiling`]);
  });

  it('fails when a forbidden string is in any file, including the API key used in tests', () => {
    const planted: WidgetFile = { ...files.find((f) => f.kind === 'ui')!, text: 'x="rest.iad-01.braze.com";y="test-key-7f3a9c"' };
    const problems = checkBudget([...files.filter((f) => f.kind !== 'ui'), planted], { ...BUDGET, forbidden: [...BUDGET.forbidden, 'test-key-7f3a9c'] });
    expect(problems).toEqual([`${planted.name} contains the forbidden string "braze.com"`, `${planted.name} contains the forbidden string "test-key-7f3a9c"`]);
  });

  it('never ships the API key the end-to-end tests use', () => {
    expect(files.filter((f) => f.text.includes('test-key-7f3a9c'))).toEqual([]);
  });
});
