/**
 * Why a `Delivery` could not take a submission, as typed data with stable codes. Delivery knows
 * nothing of HTTP: the submissions route turns these into answers (routes/submissions.ts).
 */
export type DeliveryErrorCode =
  /** The outbox or queue would not store it: try again shortly. */
  | 'store_unavailable'
  /** Direct delivery: Braze did not accept it now (5xx, 429, timeout, a paused key): try again later. */
  | 'braze_unavailable'
  /** Direct delivery with nowhere to keep a dead letter: Braze refused every object for good. */
  | 'refused_by_braze';

export class DeliveryError extends Error {
  readonly code: DeliveryErrorCode;
  /** When trying again makes sense. */
  readonly retryAfterSeconds?: number;

  constructor(code: DeliveryErrorCode, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'DeliveryError';
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
