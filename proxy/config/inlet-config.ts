/**
 * The whole config a proxy runs with: sites (server-only) and their published forms.
 * Validated once at start-up; a broken config stops the proxy with messages that name the path.
 */
import * as z from 'zod';
import { SiteConfig } from './site-schema.ts';
import { FormConfig } from './form-schema.ts';
import { checkForm } from './form-rules.ts';
import { checkSiteOffers } from './offer-rules.ts';
import { siteConsentRefusals } from '../consent/rules.ts';
import { resolveSecret, type Env } from './secret.ts';

export const InletConfig = z
  .object({
    sites: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'site ids are lowercase letters, digits and "-"'), SiteConfig),
    forms: z.array(FormConfig).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    for (const [id, site] of Object.entries(config.sites)) {
      checkSiteOffers(site, id, (path, message) => ctx.addIssue({ code: 'custom', path: ['sites', id, ...path], message }));
      for (const refusal of siteConsentRefusals(site, id)) ctx.addIssue({ code: 'custom', path: refusal.path, message: refusal.message });
    }
    const seen = new Set<string>();
    config.forms.forEach((form, index) => {
      const site = config.sites[form.site];
      if (!site) {
        ctx.addIssue({ code: 'custom', path: ['forms', index, 'site'], message: `site "${form.site}" is not defined in "sites"; add it there or fix the form's site` });
      } else {
        for (const issue of checkForm(form, site, form.site)) ctx.addIssue({ code: 'custom', path: ['forms', index, ...issue.path], message: issue.message });
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

/** `forms[3]` becomes `forms[welcome]`: a person finds a form by its id, not by counting. */
function byFormId(path: readonly PropertyKey[], input: unknown): readonly PropertyKey[] {
  if (path[0] !== 'forms' || typeof path[1] !== 'number') return path;
  const id = (input as { forms?: { id?: unknown }[] } | null)?.forms?.[path[1]]?.id;
  return typeof id === 'string' && id !== '' ? [`forms[${id}]`, ...path.slice(2)] : path;
}

export interface ParseOptions {
  /** Where `env:NAME` secrets are looked up; the core never reads `process.env` itself. */
  env?: Env;
}

/** Validates the config and resolves its secrets; throws a `ConfigError` listing every problem. */
export function parseConfig(input: unknown, options: ParseOptions = {}): InletConfig {
  if (parsed.has(input as object)) return input as InletConfig;
  const result = InletConfig.safeParse(input);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => `${formatIssuePath(byFormId(issue.path, input)) || '(root)'}: ${issue.message}`));
  const problems: string[] = [];
  const env = options.env ?? {};
  const resolve = (path: string, ref: string | undefined): string | undefined => {
    if (ref === undefined) return undefined;
    const out = resolveSecret(ref, env);
    if ('error' in out) problems.push(`${path}: ${out.error}`);
    return 'value' in out ? out.value : undefined;
  };
  const sites = Object.fromEntries(
    Object.entries(result.data.sites).map(([id, site]) => {
      const signingSecret = resolve(`sites.${id}.identity.signingSecret`, site.identity?.signingSecret);
      const secretKey = resolve(`sites.${id}.botProtection.turnstile.secretKey`, site.botProtection.turnstile?.secretKey);
      const adminToken = resolve(`sites.${id}.adminToken`, site.adminToken);
      const brazeKey = resolve(`sites.${id}.braze.apiKey`, site.braze?.apiKey);
      return [id, {
        ...site,
        identity: signingSecret === undefined ? undefined : { signingSecret },
        botProtection: { ...site.botProtection, turnstile: secretKey === undefined ? undefined : { siteKey: site.botProtection.turnstile!.siteKey, secretKey } },
        adminToken,
        braze: site.braze && brazeKey !== undefined ? { endpoint: site.braze.endpoint.replace(/\/+$/, ''), apiKey: brazeKey } : undefined,
      }];
    }),
  );
  if (problems.length) throw new ConfigError(problems);
  const config = { ...result.data, sites };
  parsed.add(config);
  return config;
}

/** Configs this module produced: passing one back in (already resolved secrets) is not parsed twice. */
const parsed = new WeakSet<object>();
