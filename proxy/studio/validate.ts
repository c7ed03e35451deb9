/**
 * A form checked exactly as the proxy checks it at start-up: the zod schema (`FormConfig`), then the
 * rules that need its site (`checkForm`). Issues carry paths relative to the form, so the studio
 * puts each message next to the control that edits that path.
 */
import { FormConfig } from '../config/form-schema.ts';
import { checkForm } from '../config/form-rules.ts';
import type { SiteConfig } from '../config/site-schema.ts';

export interface FormIssue {
  path: (string | number)[];
  message: string;
}

export function validateForm(input: unknown, site: SiteConfig, siteId: string, formId?: string): { issues: FormIssue[]; form?: FormConfig } {
  const result = FormConfig.safeParse(input);
  if (!result.success) return { issues: result.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message })) };
  const issues: FormIssue[] = [];
  if (result.data.site !== siteId) issues.push({ path: ['site'], message: `this form belongs to site "${siteId}"; set "site" to "${siteId}"` });
  if (formId !== undefined && result.data.id !== formId) issues.push({ path: ['id'], message: `a form's id cannot change once created; set "id" back to "${formId}" or duplicate the form` });
  issues.push(...checkForm(result.data, site, siteId));
  return { issues, form: result.data };
}
