/**
 * The seam between accepting a sign-up and getting it into Braze.
 * A `Delivery` resolves only once the submission is safe: durably stored, or accepted by Braze.
 */
import type { BrazeAttributesObject, BrazeEvent } from '../braze/types.ts';

/** A validated submission already mapped to Braze objects, ready to batch. */
export interface PreparedSubmission {
  /** Submission id chosen by the widget; the idempotency key end to end. */
  id: string;
  site: string;
  /** Stable identity key (`email:…`, `phone:…`, `external_id:…`) used for ordering and deltas. */
  identity: string;
  attributes: BrazeAttributesObject[];
  events: BrazeEvent[];
  receivedAt: number;
}

export type DeliveryReceipt = { status: 'accepted' | 'duplicate' };

export interface Delivery {
  /** Resolves when the submission is safe; rejects with an `HttpError` (503 + Retry-After) when it is not. */
  submit(submission: PreparedSubmission): Promise<DeliveryReceipt>;
}
