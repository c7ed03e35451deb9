/** docs/settings.md documents every variable the settings reader knows, once, exactly as the reader defines it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RUNTIMES, VARIABLES } from '../../proxy/settings.ts';

const LABEL: Record<string, string> = { node: 'Node', cloudflare: 'Cloudflare', vercel: 'Vercel', netlify: 'Netlify', deno: 'Deno', demo: '`npm start`, CLIs' };

function documented(): Map<string, { runtimes: string; default: string; secret: string }[]> {
  const page = readFileSync('docs/settings.md', 'utf8');
  const table = page.slice(page.indexOf('| Variable | Runtimes | Default | Secret |'));
  const rows = new Map<string, { runtimes: string; default: string; secret: string }[]>();
  for (const line of table.split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [name, runtimes, fallback, secret] = line.split(' | ').map((cell) => cell.replace(/^\|\s*/, '').trim());
    const key = name!.replace(/`/g, '');
    rows.set(key, [...(rows.get(key) ?? []), { runtimes: runtimes!, default: fallback!, secret: secret! }]);
  }
  return rows;
}

describe('docs/settings.md', () => {
  const rows = documented();

  it('has one row per variable of the settings schema, and no other', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(VARIABLES).sort());
    expect([...rows].filter(([, r]) => r.length > 1).map(([name]) => name)).toEqual([]);
  });

  it.each(Object.entries(VARIABLES))('states %s with the runtimes, default and secrecy the reader uses', (name, variable) => {
    const row = rows.get(name)?.[0];
    const runtimes = variable.runtimes.length === RUNTIMES.length ? 'all' : variable.runtimes.map((r) => LABEL[r]).join(', ');
    expect(row).toEqual({ runtimes, default: variable.default, secret: variable.secret ? '**secret**' : 'no' });
  });

  it('is the only page with a table of variables: other pages link to it', () => {
    for (const page of ['README.md', 'docs/deploy.md', 'docs/delivery.md']) {
      const text = readFileSync(page, 'utf8');
      expect(text, page).not.toMatch(/^\| `(BRAZE_API_KEY|INLET_OUTBOX|INLET_ADMIN_TOKEN)` \|/m);
      expect(text, page).toContain('settings.md');
    }
  });
});
