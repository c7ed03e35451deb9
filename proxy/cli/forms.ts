/**
 * `npm run forms -- export|import`: moves forms between the studio's store and files, so they can
 * also live in git.
 *
 *   export [--out <file>] [--drafts]   the live version of every form (or every draft) as { "forms": [...] }
 *   import <file>                      each form of the file becomes a new live version (created if new);
 *                                      checked against INLET_CONFIG's sites exactly as the proxy checks them
 *
 * The store is INLET_STUDIO_DB (default `.inlet/studio.sqlite`) or `--db <file>`; the config's sites
 * come from INLET_CONFIG / INLET_CONFIG_FILE (docs/settings.md) or `--config <file>`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../adapters/node/start.ts';
import { DEFAULT_STUDIO_DB, openStudioFile } from '../adapters/node/studio.ts';
import { readSettings, type EnvGetter } from '../settings.ts';
import { openStudioStore } from '../studio/store.ts';
import { validateForm } from '../studio/validate.ts';

const USAGE = 'usage: npm run forms -- export [--out <file>] [--drafts] | import <file>  [--db <file>] [--config <file>]';

export async function runForms(argv: string[], out: (line: string) => void = console.log, get: EnvGetter = (name) => process.env[name]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, drafts: { type: 'boolean' }, db: { type: 'string' }, config: { type: 'string' } } });
  const [command, file] = positionals;
  if (command !== 'export' && command !== 'import') return fail(out, USAGE);
  const settings = readSettings('node', get);
  const { db, close } = openStudioFile(values.db ?? settings.studio.db ?? DEFAULT_STUDIO_DB);
  try {
    const store = await openStudioStore(db);
    if (command === 'export') {
      let forms: unknown[];
      if (values.drafts) {
        const sites = [...new Set(((await db.prepare('SELECT DISTINCT site FROM studio_forms').all<{ site: string }>()).results).map((r) => r.site))];
        forms = (await Promise.all(sites.map((s) => store.forms(s)))).flat().map((f) => f.draft);
      } else forms = await store.liveForms();
      const text = `${JSON.stringify({ forms }, null, 2)}\n`;
      if (values.out) {
        writeFileSync(values.out, text);
        out(`Exported ${forms.length} form(s) to ${values.out}.`);
      } else out(text.trimEnd());
      return 0;
    }
    if (!file) return fail(out, USAGE);
    const config = await loadConfig(values.config ? { ...settings, config: undefined, configFile: values.config } : settings);
    const input = JSON.parse(readFileSync(file, 'utf8')) as { forms?: unknown[] } | unknown[];
    const forms = (Array.isArray(input) ? input : (input.forms ?? [])) as { id: string; site: string }[];
    const problems: string[] = [];
    forms.forEach((form, i) => {
      const site = config.sites[form?.site];
      if (!site) return void problems.push(`forms[${i}].site: site "${form?.site}" is not in the config's sites`);
      for (const issue of validateForm(form, site, form.site).issues) problems.push(`forms[${i}].${issue.path.join('.')}: ${issue.message}`);
    });
    if (problems.length) return fail(out, `Nothing imported; fix these first:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    const now = Date.now();
    for (const form of forms) {
      const existing = await store.form(form.site, form.id);
      if (!existing) await store.createForm(form.site, form.id, form, 'import', now);
      else await store.saveDraft(form.site, form.id, form, 'force', 'import', now);
      const live = existing?.liveVersion ? await store.version(form.site, form.id, existing.liveVersion) : null;
      if (live && JSON.stringify(live.config) === JSON.stringify(form)) {
        out(`${form.site}/${form.id}: unchanged (v${live.version} is live)`);
        continue;
      }
      const version = await store.addVersion(form.site, form.id, form, 'import', now, { note: `imported from ${file}` });
      await store.log(form.site, 'import', 'published', form.id, { version, imported: true }, now);
      out(`${form.site}/${form.id}: v${version} is live`);
    }
    return 0;
  } finally {
    close();
  }
}

function fail(out: (line: string) => void, message: string): number {
  out(message);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await runForms(process.argv.slice(2));
