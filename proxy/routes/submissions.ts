/**
 * `POST /v1/submissions`, in the order a submission is checked: the body within its limit, the
 * envelope, the site (then its origin and rate limits), the step's gate (bot checks on a first step,
 * the signed continuation on a later one), the identity, then the prepared Braze objects go to
 * delivery. Answers `202 { id, status, continuation? }` or an `HttpError`.
 */
import { Hono } from 'hono/tiny';
import type { FieldsStep, PublishedForm } from '../config/form-schema.ts';
import { formatIssuePath } from '../config/inlet-config.ts';
import { textHashes } from '../consent/proof.ts';
import type { AcceptedStep } from '../analytics/index.ts';

/** The analytics hook (proxy/analytics): called once per accepted step. */
export type OnAccepted = (step: AcceptedStep) => Promise<void>;
import type { Delivery, PreparedSubmission } from '../delivery/types.ts';
import { HttpError, type FieldErrors } from '../errors.ts';
import { DeliveryError } from '../delivery/errors.ts';
import { readJsonBody } from '../http/body.ts';
import { checkOrigin, methodNotAllowed, originNotAllowed } from '../http/cors.ts';
import type { ProxyEnv, RequestInfo } from '../http/env.ts';
import { verifyExternalId } from '../identity/external-id.ts';
import type { ResolvedOptions } from '../options.ts';
import { createOffers, type Offers } from '../offers/offers.ts';
import { botVerdict } from '../security/bot-check.ts';
import { normalizeCountry } from '../security/client.ts';
import { createRateLimiter } from '../security/rate-limit.ts';
import { verifyTurnstile } from '../security/turnstile.ts';
import type { SitesSource } from './forms.ts';
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

/** A checked envelope on its way through: the site and form it names, and the step's place in the form. */
interface Incoming {
  envelope: SubmissionEnvelope;
  site: SiteEntry;
  form: PublishedForm;
  /** A later field step follows this one: the answer carries a continuation. */
  later: boolean;
  ip: string | undefined;
  now: number;
}

/** What the step's gate decided: go on (with the identity a continuation carried), or a quiet decoy answer. */
type Gate = { pass: true; carried?: CarriedIdentity } | { pass: false; response: Response };

export interface SubmissionRoute {
  /** Checks and delivers one submission for `site` (already resolved from the envelope). */
  accept(envelope: SubmissionEnvelope, site: SiteEntry, info: RequestInfo, userAgent?: string): Promise<Response>;
  stats: SubmissionStats;
  /** Pool stock and prizes awarded, for the studio and analytics. */
  offers: Offers;
}

const invalid = (message: string, fields: FieldErrors) => new HttpError(400, 'invalid_submission', message, { fields });

/** Delivery's typed refusals as HTTP: the widget keeps and resends on 503 (Retry-After), gives up on 400. */
function deliveryAnswer(error: DeliveryError): HttpError {
  if (error.code === 'refused_by_braze') return new HttpError(400, 'invalid_submission', error.message);
  return new HttpError(503, 'upstream_unavailable', error.message, { headers: { 'retry-after': String(error.retryAfterSeconds ?? 30) } });
}

export function submissionRoutes(options: ResolvedOptions, delivery: Delivery, sites: SitesSource, onAccepted?: OnAccepted) {
  const route = createSubmissionRoute(options, delivery, onAccepted);
  return new Hono<ProxyEnv>()
    .options('/', async (c) => {
      // The site is in the body, which a preflight lacks: any configured site's origin may ask.
      const origin = c.req.header('origin');
      if (origin && ![...(await sites()).values()].some((s) => s.isAllowedOrigin(origin))) throw originNotAllowed();
      c.set('anySite', true);
      return new Response(null, { status: 204 });
    })
    .post('/', async (c) => {
      // Until the body names the site, an error (a 413, malformed JSON) is readable by any configured site's origin.
      const origin = c.req.header('origin');
      c.set('anySite', Boolean(origin && [...(await sites()).values()].some((s) => s.isAllowedOrigin(origin))));
      const envelope = await readEnvelope(c.req.raw, options.maxBodyBytes);
      c.set('anySite', false);
      const site = (await sites()).get(envelope.site);
      if (!site) throw new HttpError(404, 'unknown_site', `No site "${envelope.site}" is configured.`);
      c.set('site', site);
      checkOrigin(site, c.req.header('origin'));
      return route.accept(envelope, site, c.env, c.req.header('user-agent'));
    })
    .all('/', () => {
      throw methodNotAllowed('POST');
    });
}

/** The body as a submission envelope, or field errors naming what is malformed. */
async function readEnvelope(request: Request, maxBytes: number): Promise<SubmissionEnvelope> {
  const body = await readJsonBody(request, maxBytes);
  const parsed = SubmissionEnvelope.safeParse(body.value);
  const fields: FieldErrors = Object.create(null);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) (fields[formatIssuePath(issue.path) || '(body)'] ??= []).push({ code: 'invalid_envelope', message: issue.message });
    throw invalid('The submission is malformed.', fields);
  }
  for (const path of body.illFormed) {
    const name = path.startsWith('fields.') ? path.slice('fields.'.length).replace(/[.[].*$/, '') : path;
    fields[name] ??= [{ code: 'invalid_text', message: 'This contains characters that could not be read; type it again.' }];
  }
  if (body.illFormed.length) throw invalid('Some fields hold text that is not valid UTF-8.', fields);
  return parsed.data;
}

export function createSubmissionRoute(options: ResolvedOptions, delivery: Delivery, onAccepted?: OnAccepted): SubmissionRoute {
  const limiter = createRateLimiter();
  const continuations = createContinuationCodec(options.secret, options.continuationTtlSeconds);
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const offers = createOffers({ store: options.offers, secret: options.secret, random: options.random });
  const stats: SubmissionStats = { accepted: 0, invalid: 0, rateLimited: 0, dropped: { honeypot: 0, too_fast: 0, turnstile: 0 }, unsignedExternalIds: 0 };

  async function accept(envelope: SubmissionEnvelope, site: SiteEntry, info: RequestInfo, userAgent?: string): Promise<Response> {
    const incoming = locate(envelope, site, info.clientIp, options.now());
    checkRate(incoming);
    const gate = await passGate(incoming);
    if (!gate.pass) return gate.response;
    const externalId = await signedExternalId(incoming);
    const { form, now } = incoming;
    const country = normalizeCountry(info.country);
    const prepared = prepareSubmission({ envelope, site: site.config, form, edge: { country }, carried: gate.carried, externalId, hashes: await textHashes(form), receivedAt: now });
    if (!prepared.ok) {
      stats.invalid += 1;
      throw invalid('Some fields need attention.', prepared.fields);
    }
    // The offer is claimed on the last field step, once the sign-up is valid; its code rides in the same attributes object.
    const offer = incoming.later ? {} : await offers.claim({ site, form, id: envelope.id, identity: prepared.submission.identity, ip: incoming.ip, now });
    if (offer.attributes) Object.assign(prepared.submission.attributes[0]!, offer.attributes);
    const receipt = await delivery.submit(prepared.submission).catch((error: unknown) => {
      throw error instanceof DeliveryError ? deliveryAnswer(error) : error;
    });
    stats.accepted += 1;
    // Analytics counts the step (and the sign-up, once per visitor and form version); it never throws.
    await onAccepted?.(acceptedStep(envelope, prepared.submission, info, userAgent));
    const next = incoming.later ? await continuations.issue({ site: site.id, form: form.id, step: envelope.step, identity: prepared.carried }, now) : undefined;
    return answer(envelope.id, receipt.status, next, offer.answer);
  }

  function locate(envelope: SubmissionEnvelope, site: SiteEntry, ip: string | undefined, now: number): Incoming {
    const form = site.forms.get(envelope.form);
    if (!form) throw new HttpError(404, 'unknown_form', `Site "${site.id}" has no published form "${envelope.form}".`);
    const step = form.steps[envelope.step];
    if (!step || !('fields' in step)) throw invalid(`Form "${form.id}" has no field step ${envelope.step}.`, { step: [{ code: 'invalid_step', message: 'This step does not exist.' }] });
    return { envelope, site, form, later: nextFieldStep(form, envelope.step) !== undefined, ip, now };
  }

  function checkRate({ site, ip, now }: Incoming): void {
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

  /** A first step passes the bot checks; a later one needs the continuation of the step before it. */
  async function passGate(incoming: Incoming): Promise<Gate> {
    const { envelope, site, form, later, now } = incoming;
    if (envelope.step !== firstFieldStep(form)) {
      const continuation = await readContinuation(envelope.continuation, incoming);
      // A continuation issued to a bot keeps the bot answered as if it had succeeded.
      if (continuation.drop) return { pass: false, response: await decoyAnswer(incoming, later ? await continuations.issue(continuation, now) : undefined) };
      return { pass: true, carried: continuation.identity };
    }
    const verdict = botVerdict(site.config.botProtection, envelope);
    if (verdict) {
      stats.dropped[verdict] += 1;
      const decoy: Continuation = { site: site.id, form: form.id, step: envelope.step, identity: {}, drop: true };
      return { pass: false, response: await decoyAnswer(incoming, later ? await continuations.issue(decoy, now) : undefined) };
    }
    const turnstile = site.config.botProtection.turnstile;
    if (turnstile && (await verifyTurnstile(fetcher, turnstile.secretKey, envelope.turnstile, incoming.ip)) === 'failed') {
      // `unavailable` (Cloudflare unreachable) lets the sign-up through: honeypot and rate limits still apply.
      stats.dropped.turnstile += 1;
      throw invalid('The anti-bot check failed.', { turnstile: [{ code: 'turnstile_failed', message: 'Please complete the check and try again.' }] });
    }
    return { pass: true };
  }

  async function readContinuation(token: string | undefined, { site, form, envelope, now }: Incoming): Promise<Continuation> {
    if (!token) throw invalid('This step needs the continuation from the first step.', { continuation: [{ code: 'continuation_required', message: 'Start the form again from the first step.' }] });
    const result = await continuations.read(token, now);
    if (!result.ok) {
      const message = result.code === 'expired_continuation' ? 'This form has expired; start again from the first step.' : 'Start the form again from the first step.';
      throw invalid('The continuation is not valid.', { continuation: [{ code: result.code, message }] });
    }
    if (result.value.site !== site.id || result.value.form !== form.id || result.value.step >= envelope.step) {
      throw invalid('The continuation belongs to another form or step.', { continuation: [{ code: 'invalid_continuation', message: 'Start the form again from the first step.' }] });
    }
    return result.value;
  }

  /** The external_id counts only when the site's backend signed it. */
  async function signedExternalId({ envelope, site }: Incoming): Promise<string | undefined> {
    if (envelope.externalId === undefined) return undefined;
    if (await verifyExternalId(envelope.externalId, envelope.signature, site.config.identity?.signingSecret)) return envelope.externalId;
    stats.unsignedExternalIds += 1;
    return undefined;
  }

  /** A dropped bot's answer looks like a person's: on the last step it gets the pool's fallback, never a real code. */
  async function decoyAnswer({ envelope, site, form, later, now }: Incoming, continuation: string | undefined): Promise<Response> {
    const offer = later ? {} : await offers.claim({ site, form, id: envelope.id, bot: 'dropped', now });
    return answer(envelope.id, 'accepted', continuation, offer.answer);
  }

  return { accept, stats, offers };
}

const answer = (id: string, status: string, continuation: string | undefined, offer?: unknown) =>
  Response.json({ id, status, ...(continuation && { continuation }), ...(offer !== undefined && { offer }) }, { status: 202 });
function acceptedStep(envelope: SubmissionEnvelope, submission: PreparedSubmission, info: RequestInfo, userAgent: string | undefined): AcceptedStep {
  const { site, form, version, variant, step, visitor, page } = envelope;
  return { site, form, version, variant, step, visitor, page, identity: submission.identity, subscriptions: subscribedGroups(submission), userAgent, clientIp: info.clientIp };
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
