/**
 * A thin Braze REST client. It classifies answers; deciding what to do with them (retry, pause,
 * dead-letter) belongs to delivery.
 */
import { rateLimitWait } from './rate-limit-headers.ts';
import type { CampaignTriggerBody, CanvasTriggerBody, UsersTrackBody, UsersTrackError } from './types.ts';

export interface BrazeClientOptions {
  /** REST endpoint of the workspace's instance, e.g. `https://rest.fra-01.braze.eu`. */
  endpoint: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** A call that has not answered after this long is abandoned and retried later. */
  timeoutMs?: number;
  now?: () => number;
}

/** Why a call is worth trying again. */
export type RetryReason = 'rate_limited' | 'server_error' | 'timeout' | 'connection';

export type TrackOutcome =
  /** 2xx: everything not named in `errors` was queued by Braze. */
  | { kind: 'ok'; status: number; errors: UsersTrackError[]; rateLimit?: RateLimitState }
  /** Braze refused the request as a whole (400, 413, 422…): retrying the same body cannot help. */
  | { kind: 'rejected'; status: number; message: string; errors: UsersTrackError[] }
  | { kind: 'retry'; status: number; reason: RetryReason; retryAfterMs?: number }
  /** 401/403: the key is wrong or lacks the endpoint's permission (`users.track`, `canvas.trigger.send`, …). */
  | { kind: 'auth'; status: number; message: string }
  /** 404/405/415: the endpoint URL or the request shape is wrong; a configuration fault like `auth`. */
  | { kind: 'misconfigured'; status: number; message: string };

/** Budget left in Braze's current rate-limit window, from the `x-ratelimit-*` headers of a success. */
export interface RateLimitState {
  remaining: number;
  resetInMs: number;
}

export interface BrazeClient {
  track(body: UsersTrackBody): Promise<TrackOutcome>;
  /** `/canvas/trigger/send`; classified like `track` (no per-object `errors`). Needs `canvas.trigger.send`. */
  triggerCanvas(body: CanvasTriggerBody): Promise<TrackOutcome>;
  /** `/campaigns/trigger/send`; classified like `track`. Needs `campaigns.trigger.send`. */
  triggerCampaign(body: CampaignTriggerBody): Promise<TrackOutcome>;
}

export function createBrazeClient(options: BrazeClientOptions): BrazeClient {
  // Options passed as `undefined` (e.g. `fetch: options.fetch`) keep their defaults.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as BrazeClientOptions;
  const opts = { timeoutMs: 10_000, fetch: globalThis.fetch.bind(globalThis), now: Date.now, ...given };
  const base = opts.endpoint.replace(/\/+$/, '');
  async function post(path: string, body: unknown): Promise<TrackOutcome> {
    let response: Response;
    let payload: { message?: unknown; errors?: unknown };
    try {
      response = await opts.fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      // A fetch handler called in-process signals a network failure as `Response.error()` rather than throwing.
      if (response.type === 'error') return { kind: 'retry', status: 0, reason: 'connection' };
      // The body is read under the same timeout: a server that sends headers and then stalls is a timeout too.
      payload = ((await response.json().catch((error: unknown) => (isTimeout(error) ? Promise.reject(error) : {}))) ?? {}) as typeof payload;
    } catch (error) {
      return { kind: 'retry', status: 0, reason: isTimeout(error) ? 'timeout' : 'connection' };
    }
    const status = response.status;
    const message = typeof payload.message === 'string' ? payload.message : '';
    const errors = Array.isArray(payload.errors) ? (payload.errors as UsersTrackError[]) : [];
    if (status >= 200 && status < 300) return { kind: 'ok', status, errors, rateLimit: budget(response.headers, opts.now()) };
    if (status === 401 || status === 403) return { kind: 'auth', status, message };
    if (status === 404 || status === 405 || status === 415) return { kind: 'misconfigured', status, message };
    if (status === 429) return { kind: 'retry', status, reason: 'rate_limited', retryAfterMs: rateLimitWait(response.headers, opts.now()) };
    if (status >= 500 || status === 408) {
      return { kind: 'retry', status, reason: 'server_error', retryAfterMs: rateLimitWait(response.headers, opts.now()) };
    }
    return { kind: 'rejected', status, message, errors };
  }
  return {
    track: (body) => post('/users/track', body),
    triggerCanvas: (body) => post('/canvas/trigger/send', body),
    triggerCampaign: (body) => post('/campaigns/trigger/send', body),
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function budget(headers: Headers, now: number): RateLimitState | undefined {
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? NaN);
  const resetInMs = rateLimitWait(headers, now);
  return Number.isFinite(remaining) && resetInMs !== undefined ? { remaining, resetInMs } : undefined;
}
