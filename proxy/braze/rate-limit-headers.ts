/**
 * How long Braze asks us to wait, from its rate-limit headers (braze-api.md §2.4).
 *
 * A 429 carries `x-ratelimit-retry-after` (integer seconds). `x-ratelimit-reset` is documented both
 * as a UTC epoch in seconds and as seconds remaining; both are accepted: a value that can only be an
 * epoch (after 2001-09-09) is read as one, anything smaller as seconds remaining.
 */
const EPOCH_FLOOR_SECONDS = 1_000_000_000;

export function rateLimitWait(headers: Headers, now: number): number | undefined {
  const retryAfter = seconds(headers.get('x-ratelimit-retry-after')) ?? seconds(headers.get('retry-after'));
  if (retryAfter !== undefined) return retryAfter * 1000;
  const reset = seconds(headers.get('x-ratelimit-reset'));
  if (reset === undefined) return undefined;
  return reset >= EPOCH_FLOOR_SECONDS ? Math.max(0, reset * 1000 - now) : reset * 1000;
}

function seconds(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
