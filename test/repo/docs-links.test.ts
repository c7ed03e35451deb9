/**
 * The README is the front door: short, and every reference page is reachable from it. Every relative
 * link in the docs points at a file that exists and, with a `#fragment`, at a heading in it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOCS = ['README.md', 'ARCHITECTURE.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  let code = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) code = !code;
    const m = !code && /^#{1,6} (.*)$/.exec(line);
    if (m) found.add(m[1]!.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').trim().replace(/ /g, '-'));
  }
  return found;
}

/** Relative links outside code blocks and inline code: `[text](target)`. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

describe('docs', () => {
  it('keep the README at most 250 lines', () => {
    expect(readFileSync('README.md', 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(250);
  });

  it.each(DOCS)('%s has no broken relative link or anchor', (file) => {
    const broken = links(readFileSync(file, 'utf8')).filter((target) => {
      const [path, fragment] = target.split('#') as [string, string | undefined];
      const resolved = path ? normalize(join(dirname(file), path)) : file;
      if (!existsSync(resolved)) return true;
      if (!fragment || !resolved.endsWith('.md')) return false;
      return !anchors(readFileSync(resolved, 'utf8')).has(fragment);
    });
    expect(broken).toEqual([]);
  });

  it('reach every page in docs/ from the README', () => {
    const seen = new Set<string>(['README.md']);
    const queue = ['README.md'];
    while (queue.length) {
      const file = queue.shift()!;
      for (const target of links(readFileSync(file, 'utf8'))) {
        const path = target.split('#')[0]!;
        if (!path.endsWith('.md')) continue;
        const resolved = normalize(join(dirname(file), path));
        if (existsSync(resolved) && !seen.has(resolved)) seen.add(resolved), queue.push(resolved);
      }
    }
    expect(DOCS.filter((f) => !seen.has(f))).toEqual([]);
  });
});
