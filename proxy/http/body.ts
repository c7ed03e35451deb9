import { HttpError } from '../errors.ts';

/**
 * The request body, at most `maxBytes` of it: a declared Content-Length over the limit is refused
 * unread, and a streamed body is cut off as soon as it passes the limit. Shared by the proxy and the
 * Braze sandbox, so both bound their reading the same way. `undefined` means too large.
 */
export async function readLimitedBytes(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return undefined;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Only this stream is released; the runtime adapter decides what happens to the connection.
      reader.releaseLock();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Keys that name the prototype machinery: refused anywhere in a body, however deep. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonBody {
  value: unknown;
  /** Paths (`fields.first_name`) of strings holding bytes that were not UTF-8, or lone surrogates. */
  illFormed: string[];
}

/**
 * Reads a JSON body within the limit. Bytes that are not UTF-8 do not become replacement characters
 * silently: they are reported by path, so the submission route can answer with a field error.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // text/plain keeps the browser's request a CORS "simple request": no preflight round trip.
  if (type !== 'application/json' && type !== 'text/plain') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type application/json or text/plain.');
  }
  const bytes = await readLimitedBytes(request, maxBytes);
  if (!bytes) throw new HttpError(413, 'payload_too_large', `The body is larger than ${maxBytes} bytes.`);
  let value: unknown;
  try {
    value = JSON.parse(decodeUtf8(bytes));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const illFormed: string[] = [];
  walk(value, '', illFormed);
  return { value, illFormed };
}

/**
 * UTF-8 text; each malformed sequence becomes a lone surrogate instead of U+FFFD, so it stays
 * distinguishable from a replacement character the visitor really typed (`isWellFormed()` is false).
 */
function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes).replaceAll('\uFFFD', '\uDFFF');
  }
}

function walk(value: unknown, path: string, illFormed: string[]): void {
  if (typeof value === 'string') {
    if (!value.isWellFormed()) illFormed.push(path || '(body)');
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}[${i}]`, illFormed));
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new HttpError(400, 'forbidden_key', `The key "${key}" is refused anywhere in a body (at ${path || 'the top level'}); rename it.`);
    if (!key.isWellFormed()) illFormed.push(path ? `${path}.(key)` : '(key)');
    walk((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, illFormed);
  }
}
