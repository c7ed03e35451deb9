/**
 * `POST /v1/admin/forget` with `{"email": "…"}` and/or `{"phone": "…", "country": "FR"}`: removes
 * one person from every store that registered an erasure target (docs/data.md, "Erasure") and
 * answers what was removed and what to do in Braze.
 */
import { erasureSubject, type ErasureRegistry } from '../lifecycle/erasure.ts';
import { HttpError, type FieldCode } from '../errors.ts';

const INVALID: Record<string, FieldCode> = { email: 'invalid_email', phone: 'invalid_phone', country: 'invalid_country' };

export async function handleForget(request: Request, erasure: ErasureRegistry | undefined, sites: readonly string[], now: number): Promise<Response> {
  if (!erasure) throw new HttpError(404, 'not_found', 'This deployment registered no stores for erasure: run the Node outbox, or bind DEAD_LETTERS/DELTAS on Workers.');
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new HttpError(400, 'invalid_json', 'Send a JSON body such as {"email": "ana@example.com"} or {"phone": "+33612345678"}.');
  }
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  for (const field of ['email', 'phone', 'country'] as const) {
    if (input[field] !== undefined && typeof input[field] !== 'string') throw new HttpError(400, 'invalid_request', `"${field}" must be a string.`, { fields: { [field]: [{ code: 'invalid_type', message: `"${field}" must be a string.` }] } });
  }
  const parsed = erasureSubject({ email: input.email as string | undefined, phone: input.phone as string | undefined, country: input.country as string | undefined }, sites);
  if ('error' in parsed) throw new HttpError(400, 'invalid_request', parsed.error, { fields: { [parsed.field]: [{ code: INVALID[parsed.field] ?? 'invalid_type', message: parsed.error }] } });
  const report = await erasure.erase(parsed.subject, 'admin', now);
  return Response.json(report, { headers: { 'cache-control': 'no-store' } });
}
