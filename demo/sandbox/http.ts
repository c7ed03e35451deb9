/** Response helpers and the generic fatal errors of braze-api.md §2.5. */
import { readLimitedBytes } from '../../proxy/http/body.ts';

export function json(status: number, body: unknown, headers: HeadersInit = {}): Response {
  const out = new Headers(headers);
  out.set('content-type', 'application/json');
  return new Response(JSON.stringify(body), { status, headers: out });
}

/** Braze answers fatal errors with `{message}` (bodies of 401/403/429 are undocumented, §2.5 UNCERTAIN). */
export function fail(status: number, message: string, headers: HeadersInit = {}): Response {
  return json(status, { message }, headers);
}

export const MESSAGES = {
  unauthorized: 'Invalid API key',
  accessDenied: 'Access Denied',
  notFound: 'Invalid URL: no Braze endpoint matches this method and path',
  badSyntax: 'Bad syntax: the request body is not valid JSON',
  unsupportedMediaType: 'Unsupported Media Type: send Content-Type: application/json',
  tooLarge: 'Request Entity Too Large',
  maxInput: 'Max Input Length Exceeded',
  rateLimited: 'Rate Limited',
  noValidData: "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.",
} as const;

export type BodyResult = { ok: true; text: string } | { ok: false; response: Response };

/** Reads at most `maxBytes`, so an oversized upload is refused without buffering all of it. */
export async function readBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const bytes = await readLimitedBytes(request, maxBytes);
  if (!bytes) return { ok: false, response: fail(413, MESSAGES.tooLarge) };
  return { ok: true, text: new TextDecoder().decode(bytes) };
}

/** Strict JSON as Braze parses it: trailing commas, comments and single quotes are 400 (§2.5). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; response: Response } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: fail(400, MESSAGES.badSyntax) };
  }
}

export function isJsonContentType(value: string | null): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
