/**
 * Delivery's log: one JSON line per failed Braze call (5xx, 429, timeout, reset, pause) and per dead
 * letter, so an operator can count, alert and grep. Lines carry the site, the status, how many
 * objects, when it is retried and why — never an address, a name or any other field value.
 */
import type { DeadLetter } from './stores.ts';

export interface FailedCall {
  site: string;
  /** HTTP status, or 0 when no answer came (timeout, connection reset). */
  status: number;
  /** Objects (or trigger recipients) the call carried. */
  count: number;
  retryInMs: number;
  /** `rate_limited`, `server_error`, `timeout`, `connection`, or Braze's message for a pause. */
  reason: string;
}

export interface DeliveryLog {
  failedCall(call: FailedCall): void;
  deadLetter(letter: DeadLetter): void;
}

export function createDeliveryLog(write: (line: string) => void = console.error): DeliveryLog {
  const line = (fields: Record<string, unknown>) => write(JSON.stringify({ level: 'warn', source: 'inlet.delivery', ...fields }));
  return {
    failedCall: (call) => line({ event: 'braze_call_failed', site: call.site, status: call.status, count: call.count, retryInMs: call.retryInMs, reason: call.reason }),
    deadLetter: (letter) =>
      line({
        event: 'dead_letter',
        site: letter.site,
        status: letter.status,
        count: letter.errors.length + (letter.triggers?.length ?? 0),
        retryInMs: null,
        // Braze's reason names the rule an object broke, not its value; cut to keep a line short.
        reason: letter.reason.slice(0, 300),
      }),
  };
}
