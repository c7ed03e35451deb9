/** docs/data.md's retention table is the one in proxy/lifecycle/retention.ts: every kind, its default and its setting. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RETENTION } from '../../proxy/lifecycle/retention.ts';

describe('docs/data.md', () => {
  const doc = readFileSync('docs/data.md', 'utf8');
  const rows = doc.split('\n').filter((line) => /^\| `[a-z_]+` \| \d+ days \|/.test(line));

  it('documents every retention kind with its default and setting, and no other', () => {
    const documented = rows.map((line) => {
      const [, kind, days, setting] = /^\| `([a-z_]+)` \| (\d+) days \| `([A-Z_]+)` \|/.exec(line)!;
      return { kind, days: Number(days), setting };
    });
    expect(documented).toEqual(Object.entries(RETENTION).map(([kind, k]) => ({ kind, days: k.days, setting: k.setting })));
  });
});
