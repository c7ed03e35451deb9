/**
 * The whole config a proxy runs with: sites (server-only) and their published forms.
 * Validated once at start-up; a broken config stops the proxy with messages that name the path.
 */
import * as z from 'zod';
import { SiteConfig } from './site-schema.ts';
import { FormConfig } from './form-schema.ts';

export const InletConfig = z
  .object({
    sites: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'site ids are lowercase letters, digits and "-"'), SiteConfig),
    forms: z.array(FormConfig).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.forms.forEach((form, index) => {
      if (!(form.site in config.sites)) {
        ctx.addIssue({ code: 'custom', path: ['forms', index, 'site'], message: `site "${form.site}" is not defined in "sites"; add it there or fix the form's site` });
      }
      const key = `${form.site}/${form.id}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['forms', index, 'id'], message: `form id "${form.id}" is used twice for site "${form.site}"; ids must be unique per site` });
      seen.add(key);
    });
  });
export type InletConfig = z.output<typeof InletConfig>;

export class ConfigError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid Inlet config:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.issues = issues;
  }
}

/** `forms[0].steps[1].fields[2].name: …` — the path a person can find in their JSON. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

export function parseConfig(input: unknown): InletConfig {
  const result = InletConfig.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${formatIssuePath(issue.path) || '(root)'}: ${issue.message}`));
}
