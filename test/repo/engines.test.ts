/**
 * `engines` says which Node Inlet runs on, and it is true: every installed package accepts that
 * version (so `npm install` on it prints no engine warning), the Node the scripts run on satisfies it,
 * and the README names the same minimum.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; devDependencies: Record<string, string> };
const minimum = semver.minVersion(pkg.engines.node)!.version;

function installed(dir = 'node_modules'): { name: string; node?: string }[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry.startsWith('.')) return [];
    const path = join(dir, entry);
    if (entry.startsWith('@')) return installed(path);
    const manifest = join(path, 'package.json');
    if (!existsSync(manifest)) return [];
    const { name, engines } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; engines?: { node?: string } };
    const nested = existsSync(join(path, 'node_modules')) ? installed(join(path, 'node_modules')) : [];
    return [{ name, node: typeof engines?.node === 'string' ? engines.node : undefined }, ...nested];
  });
}

describe('engines', () => {
  it(`every installed package accepts the documented minimum (Node ${minimum})`, () => {
    const refusing = installed().filter((p) => p.node && !semver.satisfies(minimum, p.node)).map((p) => `${p.name} wants ${p.node}`);
    expect(refusing).toEqual([]);
  });

  it('the Node the scripts run on (the pinned `node` package) satisfies it', () => {
    const running = pkg.devDependencies.node!.replace(/^[\^~]/, '');
    expect(semver.satisfies(running, pkg.engines.node)).toBe(true);
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });

  it('the README and the Node deploy guide name the same minimum', () => {
    const short = minimum.replace(/\.0$/, '');
    expect(readFileSync('README.md', 'utf8')).toContain(`Node ${short} or newer`);
    expect(readFileSync('docs/deploy.md', 'utf8')).toContain(`Node ${short} or newer`);
  });
});
