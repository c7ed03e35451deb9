/**
 * A thin Braze REST client. It classifies answers; deciding what to do with them (retry, pause,
 * dead-letter) belongs to delivery.
 */
import type { UsersTrackBody, UsersTrackError } from './types.ts';

export interface BrazeClientOptions {
  /** REST endpoint of the workspace's instance, e.g. `https://rest.fra-01.braze.eu`. */
  endpoint: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type TrackOutcome =
  | { kind: 'ok'; status: number; errors: UsersTrackError[] }
  | { kind: 'rejected'; status: number; message: string; errors: UsersTrackError[] }
  | { kind: 'retry'; status: number; retryAfterMs?: number; reason: string }
  | { kind: 'auth'; status: number; message: string };

export interface BrazeClient {
  track(body: UsersTrackBody): Promise<TrackOutcome>;
}

export function createBrazeClient(options: BrazeClientOptions): BrazeClient {
  const opts = { timeoutMs: 10_000, fetch: globalThis.fetch.bind(globalThis), ...options };
  const base = opts.endpoint.replace(/\/+$/, '');
  return {
    async track(body) {
      let response: Response;
      try {
        response = await opts.fetch(`${base}/users/track`, {
          method: 'POST',
          headers: { authorization: `Bearer ${opts.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (error) {
        return { kind: 'retry', status: 0, reason: error instanceof Error ? error.name : 'network_error' };
      }
      const payload = (await response.json().catch(() => ({}))) as { message?: string; errors?: UsersTrackError[] };
      const errors = Array.isArray(payload.errors) ? payload.errors : [];
      if (response.status >= 200 && response.status < 300) return { kind: 'ok', status: response.status, errors };
      if (response.status === 401 || response.status === 403) return { kind: 'auth', status: response.status, message: payload.message ?? '' };
      if (response.status === 429 || response.status >= 500) {
        return { kind: 'retry', status: response.status, retryAfterMs: retryAfter(response.headers), reason: `http_${response.status}` };
      }
      return { kind: 'rejected', status: response.status, message: payload.message ?? '', errors };
    },
  };
}

/** Braze's 429 carries `x-ratelimit-retry-after` in seconds (braze-api.md §2.4). */
function retryAfter(headers: Headers): number | undefined {
  const seconds = Number(headers.get('x-ratelimit-retry-after') ?? headers.get('retry-after') ?? NaN);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}
