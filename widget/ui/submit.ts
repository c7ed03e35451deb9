import type { FieldErrors, SubmissionInput } from '../types.ts';

export type SubmitResult =
  | { ok: true }
  | { ok: false; fields?: FieldErrors; message: string };

/** Posts a submission as text/plain JSON: a CORS simple request (no preflight) that survives page unload. */
export async function postSubmission(api: string, submission: SubmissionInput): Promise<SubmitResult> {
  try {
    const response = await fetch(`${api}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(submission),
      keepalive: true,
      credentials: 'omit',
    });
    if (response.status === 202) return { ok: true };
    const body = (await response.json().catch(() => ({}))) as { message?: string; fields?: FieldErrors };
    return { ok: false, fields: body.fields, message: body.message ?? 'Something went wrong. Please try again.' };
  } catch {
    return { ok: false, message: 'You seem to be offline. Please try again.' };
  }
}
