/**
 * Sends one batch to `/users/track` and says, per part, what Braze made of it. A batch Braze refuses
 * as a whole for an unexplained reason is cut in halves until the refused objects are isolated.
 */
import type { BrazeClient, TrackOutcome } from '../braze/client.ts';
import type { UsersTrackError } from '../braze/types.ts';
import { attributePoints, bodyPoints } from './data-points.ts';
import type { Limiter } from './limiter.ts';
import { bodyOf, INPUT_ARRAYS, objectCount, type BatchPart, type InputArray } from './pack.ts';
import type { Stats } from './stats.ts';

/** An object Braze refused for good, by its index within its part's array. */
export interface RefusedObject {
  array: InputArray;
  index: number;
  reason: string;
}

export type PartOutcome =
  /** Braze queued the part; `refused` objects (possibly all) will never be taken as they are. */
  | { kind: 'accepted'; status: number; refused: RefusedObject[] }
  | { kind: 'retry'; status: number; reason: string; retryAfterMs?: number }
  /** A site-wide fault (401/403/404/415): the part waits, untouched, until it is fixed. */
  | { kind: 'paused'; status: number; message: string };

export interface SendDeps {
  client: BrazeClient;
  limiter?: Limiter;
  stats?: Stats;
  now?: () => number;
}

export async function sendBatch(parts: readonly BatchPart[], deps: SendDeps): Promise<PartOutcome[]> {
  const now = deps.now ?? Date.now;
  const { body, locate } = bodyOf(parts);
  const call = () => deps.client.track(body);
  const outcome: TrackOutcome = deps.limiter ? await deps.limiter.run(call) : await call();
  deps.stats?.add('brazeCalls');
  deps.stats?.add('objectsSent', parts.reduce((n, p) => n + objectCount(p), 0));

  switch (outcome.kind) {
    case 'ok': {
      if (outcome.rateLimit && outcome.rateLimit.remaining <= 0) deps.limiter?.holdUntil(now() + outcome.rateLimit.resetInMs);
      const refused = parts.map((): RefusedObject[] => []);
      for (const error of outcome.errors) {
        const at = isLocatable(error) ? locate(error.input_array, error.index) : undefined;
        // An error that names no object cannot be acted on; Braze processed everything else.
        if (at) refused[at.part]!.push({ array: error.input_array, index: at.index, reason: String(error.type) });
      }
      deps.stats?.add('dataPointsSent', bodyPoints(body) - refused.flatMap((r, p) => r.map((o) => pointsOf(parts[p]!, o))).reduce((a, b) => a + b, 0));
      return refused.map((r) => ({ kind: 'accepted', status: outcome.status, refused: r }));
    }
    case 'retry':
      if (outcome.retryAfterMs !== undefined) deps.limiter?.holdUntil(now() + outcome.retryAfterMs);
      return parts.map(() => ({ kind: 'retry', status: outcome.status, reason: outcome.reason, retryAfterMs: outcome.retryAfterMs }));
    case 'auth':
    case 'misconfigured':
      return parts.map(() => ({ kind: 'paused', status: outcome.status, message: outcome.message }));
    case 'rejected': {
      const reason = outcome.message || `HTTP ${outcome.status}`;
      // A 400 that lists object errors means no object was valid (braze-api.md §2.5): all are refused, no halving needed.
      if (outcome.status === 400 && outcome.errors.some(isLocatable)) {
        const own = new Map<string, string>();
        for (const error of outcome.errors.filter(isLocatable)) {
          const at = locate(error.input_array, error.index);
          if (at) own.set(`${at.part}:${error.input_array}:${at.index}`, String(error.type));
        }
        return parts.map((part, p) => ({ kind: 'accepted', status: outcome.status, refused: allObjects(part).map((o) => ({ ...o, reason: own.get(`${p}:${o.array}:${o.index}`) ?? reason })) }));
      }
      if (parts.length > 1) {
        const middle = Math.ceil(parts.length / 2);
        return [...(await sendBatch(parts.slice(0, middle), deps)), ...(await sendBatch(parts.slice(middle), deps))];
      }
      return [{ kind: 'accepted', status: outcome.status, refused: allObjects(parts[0]!).map((o) => ({ ...o, reason })) }];
    }
  }
}

function isLocatable(error: UsersTrackError): boolean {
  return typeof error === 'object' && error !== null && INPUT_ARRAYS.includes(error.input_array) && Number.isInteger(error.index);
}

function allObjects(part: BatchPart): Omit<RefusedObject, 'reason'>[] {
  return INPUT_ARRAYS.flatMap((array) => part[array].map((_, index) => ({ array, index })));
}

function pointsOf(part: BatchPart, object: RefusedObject): number {
  return object.array === 'attributes' ? attributePoints(part.attributes[object.index]!) : 1;
}
