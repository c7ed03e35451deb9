import { HttpError } from '../errors.ts';
import { readJsonBody } from '../http/body.ts';
import type { ResolvedOptions } from '../options.ts';
import type { SiteEntry } from '../site-index.ts';
import { SubmissionEnvelope } from '../submission/envelope.ts';
import { mapSubmission } from '../submission/map.ts';
import { validateStep } from '../submission/validate.ts';
import type { Delivery } from '../delivery/types.ts';
import { formatIssuePath } from '../config/inlet-config.ts';

export interface SubmissionContext {
  options: ResolvedOptions;
  sites: Map<string, SiteEntry>;
  delivery: Delivery;
}

/** `POST /v1/submissions`: validate against the published form, map, and hand to delivery. */
export async function acceptSubmission(
  request: Request,
  ctx: SubmissionContext,
  site: SiteEntry | undefined,
  /** Called once the site is known, before any field is looked at (origin checks). */
  onSite: (site: SiteEntry) => void = () => {},
): Promise<Response> {
  const body = await readJsonBody(request, ctx.options.maxBodyBytes);
  const parsed = SubmissionEnvelope.safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, { code: string; message: string }[]> = {};
    for (const issue of parsed.error.issues) {
      const key = formatIssuePath(issue.path) || '(body)';
      (fields[key] ??= []).push({ code: 'invalid_envelope', message: issue.message });
    }
    throw new HttpError(400, 'invalid_submission', 'The submission is malformed.', { fields });
  }
  const envelope = parsed.data;
  const entry = site ?? ctx.sites.get(envelope.site);
  if (!entry || entry.id !== envelope.site) throw new HttpError(404, 'unknown_site', `No site "${envelope.site}" is configured.`);
  onSite(entry);
  const form = entry.forms.get(envelope.form);
  if (!form) throw new HttpError(404, 'unknown_form', `Site "${entry.id}" has no published form "${envelope.form}".`);
  const step = form.steps[envelope.step];
  if (!step || !('fields' in step)) throw new HttpError(400, 'invalid_submission', `Form "${form.id}" has no field step ${envelope.step}.`);

  const { values, errors } = validateStep(step, envelope.fields);
  if (errors) throw new HttpError(400, 'invalid_submission', 'Some fields need attention.', { fields: errors });
  const prepared = mapSubmission(envelope, step, values, ctx.options.now());
  if (!prepared) {
    throw new HttpError(400, 'invalid_submission', 'An email address is needed.', {
      fields: { email: [{ code: 'required', message: 'This field is required.' }] },
    });
  }
  const receipt = await ctx.delivery.submit(prepared);
  return Response.json({ id: envelope.id, status: receipt.status }, { status: 202 });
}
