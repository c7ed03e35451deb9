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
  /** Index of the step in the published form. */
  step: z.number().int().min(0).max(20).default(0),
  fields: z.record(z.string().max(64), z.unknown()),
  lang: z.string().max(16).optional(),
  page: z.string().max(2048).optional(),
});
export type SubmissionEnvelope = z.infer<typeof SubmissionEnvelope>;
/** What the widget sends; shared with it through `import type` only. */
export type SubmissionInput = z.input<typeof SubmissionEnvelope>;
