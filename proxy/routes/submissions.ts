/**
 * `POST /v1/submissions`: read the body within its limit, check the envelope, the site's origin and
 * rate limits, the bot checks and the multi-step continuation, then prepare the Braze objects and
 * hand them to delivery. Answers `202 { id, status, continuation? }` or an `HttpError`.
 */
import type { FieldsStep, PublishedForm } from '../config/form-schema.ts';
import { formatIssuePath } from '../config/inlet-config.ts';
import { textHashes } from '../consent/proof.ts';
import type { AcceptedStep } from '../analytics/index.ts';
import type { Delivery } from '../delivery/types.ts';
import { HttpError, type FieldErrors } from '../errors.ts';
import { readJsonBody } from '../http/body.ts';
import { verifyExternalId } from '../identity/external-id.ts';
import type { ResolvedOptions } from '../options.ts';
import { botVerdict } from '../security/bot-check.ts';
import { clientIp, edgeCountry } from '../security/client.ts';
import { createRateLimiter } from '../security/rate-limit.ts';
import { verifyTurnstile } from '../security/turnstile.ts';
import type { SiteEntry } from '../site-index.ts';
import { createContinuationCodec, type CarriedIdentity, type Continuation } from '../submission/continuation.ts';
import { SubmissionEnvelope } from '../submission/envelope.ts';
import { prepareSubmission } from '../submission/prepare.ts';

/** Counters for the admin routes; never any submitted value. */
export interface SubmissionStats {
  accepted: number;
  invalid: number;
  rateLimited: number;
  dropped: { honeypot: number; too_fast: number; turnstile: number };
  unsignedExternalIds: number;
}

export interface SubmissionRoute {
  accept(request: Request, sites: Map<string, SiteEntry>, onSite?: (site: SiteEntry) => void): Promise<Response>;
  stats: SubmissionStats;
}

const invalid = (message: string, fields: FieldErrors) => new HttpError(400, 'invalid_submission', message, { fields });

export function createSubmissionRoute(options: ResolvedOptions, delivery: Delivery, onAccepted?: (step: AcceptedStep) => Promise<void>): SubmissionRoute {
  const limiter = createRateLimiter();
  const continuations = createContinuationCodec(options.secret, options.continuationTtlSeconds);
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const stats: SubmissionStats = { accepted: 0, invalid: 0, rateLimited: 0, dropped: { honeypot: 0, too_fast: 0, turnstile: 0 }, unsignedExternalIds: 0 };

  async function accept(request: Request, sites: Map<string, SiteEntry>, onSite: (site: SiteEntry) => void = () => {}): Promise<Response> {
    const body = await readJsonBody(request, options.maxBodyBytes);
    const parsed = SubmissionEnvelope.safeParse(body);
    if (!parsed.success) {
      const fields: FieldErrors = Object.create(null);
      for (const issue of parsed.error.issues) (fields[formatIssuePath(issue.path) || '(body)'] ??= []).push({ code: 'invalid_envelope', message: issue.message });
      throw invalid('The submission is malformed.', fields);
    }
    const envelope = parsed.data;
    const site = sites.get(envelope.site);
    if (!site) throw new HttpError(404, 'unknown_site', `No site "${envelope.site}" is configured.`);
    onSite(site);
    const now = options.now();
    const ip = clientIp(request, options.trustProxy);
    checkRate(site, ip, now);

    const form = site.forms.get(envelope.form);
    if (!form) throw new HttpError(404, 'unknown_form', `Site "${site.id}" has no published form "${envelope.form}".`);
    const step = form.steps[envelope.step];
    if (!step || !('fields' in step)) throw invalid(`Form "${form.id}" has no field step ${envelope.step}.`, { step: [{ code: 'invalid_step', message: 'This step does not exist.' }] });
    const first = firstFieldStep(form);
    const later = nextFieldStep(form, envelope.step) !== undefined;

    let carried: CarriedIdentity | undefined;
    if (envelope.step !== first) {
      const continuation = await readContinuation(envelope.continuation, site.id, form.id, envelope.step, now);
      if (continuation.drop) return accepted(envelope.id, later ? await continuations.issue(continuation, now) : undefined);
      carried = continuation.identity;
    } else {
      const verdict = botVerdict(site.config.botProtection, envelope);
      if (verdict) {
        stats.dropped[verdict] += 1;
        const decoy: Continuation = { site: site.id, form: form.id, step: envelope.step, identity: {}, drop: true };
        return accepted(envelope.id, later ? await continuations.issue(decoy, now) : undefined);
      }
      const turnstile = site.config.botProtection.turnstile;
      if (turnstile && (await verifyTurnstile(fetcher, turnstile.secretKey, envelope.turnstile, ip)) === 'failed') {
        // `unavailable` (Cloudflare unreachable) lets the sign-up through: honeypot and rate limits still apply.
        stats.dropped.turnstile += 1;
        throw invalid('The anti-bot check failed.', { turnstile: [{ code: 'turnstile_failed', message: 'Please complete the check and try again.' }] });
      }
    }

    let externalId: string | undefined;
    if (envelope.externalId !== undefined) {
      if (await verifyExternalId(envelope.externalId, envelope.signature, site.config.identity?.signingSecret)) externalId = envelope.externalId;
      else stats.unsignedExternalIds += 1;
    }

    const prepared = prepareSubmission({ envelope, site: site.config, form, edge: { country: edgeCountry(request) }, carried, externalId, hashes: await textHashes(form), receivedAt: now });
    if (!prepared.ok) {
      stats.invalid += 1;
      throw invalid('Some fields need attention.', prepared.fields);
    }
    const receipt = await delivery.submit(prepared.submission);
    stats.accepted += 1;
    // Analytics counts the step (and the sign-up, once per visitor and form version); it never throws.
    await onAccepted?.({ request, site: site.id, form: form.id, version: envelope.version, variant: envelope.variant, step: envelope.step, visitor: envelope.visitor, page: envelope.page, identity: prepared.submission.identity, subscriptions: subscribedGroups(prepared.submission) });
    const next = later ? await continuations.issue({ site: site.id, form: form.id, step: envelope.step, identity: prepared.carried }, now) : undefined;
    return Response.json({ id: envelope.id, status: receipt.status, ...(next && { continuation: next }) }, { status: 202 });
  }

  function checkRate(site: SiteEntry, ip: string | undefined, now: number): void {
    const { perIpPerMinute, perSitePerMinute } = site.config.rateLimit;
    // Without a known address there is nothing fair to key on; the per-site limit still applies.
    const checks: [string, number][] = ip ? [[`ip:${site.id}:${ip}`, perIpPerMinute]] : [];
    if (perSitePerMinute) checks.push([`site:${site.id}`, perSitePerMinute]);
    for (const [key, limit] of checks) {
      const verdict = limiter.hit(key, limit, now);
      if (!verdict.allowed) {
        stats.rateLimited += 1;
        throw new HttpError(429, 'rate_limited', 'Too many submissions; try again shortly.', { headers: { 'retry-after': String(verdict.retryAfterSeconds) } });
      }
    }
  }

  async function readContinuation(token: string | undefined, site: string, form: string, step: number, now: number): Promise<Continuation> {
    if (!token) throw invalid('This step needs the continuation from the first step.', { continuation: [{ code: 'continuation_required', message: 'Start the form again from the first step.' }] });
    const result = await continuations.read(token, now);
    if (!result.ok) {
      const message = result.code === 'expired_continuation' ? 'This form has expired; start again from the first step.' : 'Start the form again from the first step.';
      throw invalid('The continuation is not valid.', { continuation: [{ code: result.code, message }] });
    }
    if (result.value.site !== site || result.value.form !== form || result.value.step >= step) {
      throw invalid('The continuation belongs to another form or step.', { continuation: [{ code: 'invalid_continuation', message: 'Start the form again from the first step.' }] });
    }
    return result.value;
  }

  const accepted = (id: string, continuation: string | undefined) => {
    return Response.json({ id, status: 'accepted', ...(continuation && { continuation }) }, { status: 202 });
  };

  return { accept, stats };
}

function subscribedGroups(submission: { attributes: object[] }): string[] {
  return submission.attributes.flatMap((a) => {
    const groups = (a as { subscription_groups?: { subscription_group_id?: string; subscription_state?: string }[] }).subscription_groups;
    return (Array.isArray(groups) ? groups : []).filter((g) => g?.subscription_state === 'subscribed').map((g) => String(g.subscription_group_id));
  });
}

function firstFieldStep(form: PublishedForm): number {
  return form.steps.findIndex((s) => 'fields' in s);
}

function nextFieldStep(form: PublishedForm, after: number): number | undefined {
  const index = form.steps.findIndex((s, i) => i > after && 'fields' in s && (s as FieldsStep).fields.length > 0);
  return index < 0 ? undefined : index;
}
