/**
 * The body a widget posts to `POST /v1/submissions`. The form's own fields are checked separately
 * against the published form (see validate.ts), so this schema stays about the envelope.
 */
import * as z from 'zod';

export const SubmissionEnvelope = z.object({
  /** Chosen by the widget, kept across retries: the idempotency key. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'id must be 8–64 characters of letters, digits, "-" or "_"'),
  site: z.string().max(64),
  form: z.string().max(64),
  /** A/B variant the visitor was assigned, when the form has variants. */
  variant: z.string().max(64).optional(),
  /** Version of the form the visitor saw (1 when absent): sign-ups are counted per version. */
  version: z.number().int().min(1).optional(),
  /** The widget's random visitor id, sent only when storage is allowed (analytics: one sign-up per visitor). */
  visitor: z.string().regex(/^[a-z0-9]{4,32}$/).optional(),
  /** Index of the step in the published form. */
  step: z.number().int().min(0).max(20).default(0),
  fields: z.record(z.string().max(64), z.unknown()),
  /** Disclosure version shown per consent field, as rendered: `{ sms_consent: "2026-10" }`. */
  consentVersions: z.record(z.string().max(64), z.string().max(64)).optional(),
  /**
   * For steps after the first: the `continuation` string of the previous step's `202` answer
   * (`{ id, status, continuation? }`, present while a later field step remains). Send it as is.
   */
  continuation: z.string().max(4096).optional(),
  /** Signed identity from the site's backend (see docs/identity.md, "Identity and signing"). */
  externalId: z.string().max(987).optional(),
  signature: z.string().max(256).optional(),
  /**
   * Visitor context the loader tracked; used only when the site config asks for it. Keys read:
   * `utm: { source, medium, campaign, term, content }`, `landing_page`, `referrer` (strings),
   * `visits`, `pages_per_session` (non-negative integers). Others are ignored.
   */
  context: z.record(z.string().max(64), z.union([z.string().max(2048), z.number(), z.record(z.string().max(64), z.string().max(255))])).optional(),
  lang: z.string().max(16).optional(),
  page: z.string().max(2048).optional(),
  /** Milliseconds between the form rendering and its submission (bot check). */
  elapsedMs: z.number().min(0).optional(),
  /** Honeypot: a field no person sees; bots fill it. */
  hp: z.string().max(1024).optional(),
  /** Cloudflare Turnstile token, when the site enables it. */
  turnstile: z.string().max(4096).optional(),
});
export type SubmissionEnvelope = z.infer<typeof SubmissionEnvelope>;
/** What the widget sends; shared with it through `import type` only. */
export type SubmissionInput = z.input<typeof SubmissionEnvelope>;
