import type { FieldErrors, SubmissionInput } from '../types.ts';
import { keep, resendPending, send } from './outbox.ts';

/** What the proxy handed out with the sign-up (proxy/offers/offers.ts, `OfferAnswer`). */
export interface OfferAnswer {
  code?: string;
  message?: string | Record<string, string>;
  segment?: number;
  signature: string;
}

export type SubmitResult =
  | { ok: true; continuation?: string; offer?: OfferAnswer }
  | { ok: false; fields?: FieldErrors };

// Sign-ups an earlier page could not hand over go as soon as this chunk runs (the loader loads it
// for them), and again whenever the browser comes back online.
resendPending();
addEventListener('online', resendPending);

/**
 * Posts a submission, keeping it in the browser until the proxy answers: if the network or the
 * proxy fails, it is sent again on a later page load. Keyed by form step, so the visitor trying
 * again replaces the kept copy rather than adding a second sign-up.
 */
export async function postSubmission(api: string, submission: SubmissionInput): Promise<SubmitResult> {
  const key = `${submission.site}/${submission.form}/${submission.step ?? 0}`;
  const body = JSON.stringify(submission);
  keep(key, api, body);
  const response = await send(key, api, body);
  if (!response) return { ok: false };
  const answer = (await response.json().catch(() => ({}))) as { fields?: FieldErrors; continuation?: string; offer?: OfferAnswer };
  // The 202 answer as the proxy wrote it: its continuation and offer, if any (form-model reads them).
  return response.status === 202 ? { ok: true, ...answer } : { ok: false, fields: answer.fields };
}
