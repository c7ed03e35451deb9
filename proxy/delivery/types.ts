/**
 * The seam between accepting a sign-up and getting it into Braze.
 * A `Delivery` resolves only once the submission is safe: durably stored, or accepted by Braze.
 */
import type { BrazeAttributesObject, BrazeEvent } from '../braze/types.ts';
import type { DeadLetterStore } from './stores.ts';
import type { StatsSnapshot } from './stats.ts';

/** A validated submission already mapped to Braze objects, ready to batch. */
export interface PreparedSubmission {
  /**
   * The idempotency key end to end: the same id is stored and delivered once. Chosen by the widget
   * and kept across its retries; it must differ between steps of one multi-step form.
   */
  id: string;
  site: string;
  /** Stable identity key (`email:…`, `phone:…`, `external_id:…`) used for ordering and deltas. */
  identity: string;
  attributes: BrazeAttributesObject[];
  events: BrazeEvent[];
  purchases?: Record<string, unknown>[];
  receivedAt: number;
  /**
   * Messages to trigger once Braze accepted every `/users/track` object above: the email double
   * opt-in confirmation (`/canvas/trigger/send` or `/campaigns/trigger/send`, braze-api.md §6).
   * Sent by delivery (proxy/delivery/triggers.ts); a submission whose track part is done and whose
   * triggers must be retried is stored with empty `attributes`/`events`, so only the triggers go again.
   */
  triggers?: MessagingTrigger[];
}

/** One API-triggered Canvas or Campaign send to one recipient. */
export interface MessagingTrigger {
  kind: 'canvas' | 'campaign';
  /** `canvas_id` or `campaign_id`. */
  id: string;
  /** An email recipient is sent with a `prioritization` matching the profile `/users/track` just wrote (see triggers.ts). */
  recipient: { email: string } | { external_user_id: string };
  /** Sent as `trigger_properties` (Campaign) or `context` (Canvas; `canvas_entry_properties` by option). */
  properties: Record<string, string>;
}

export type DeliveryReceipt = { status: 'accepted' | 'duplicate' };

/** Loud, site-wide problems: Braze refused the key or the endpoint. Nothing is dropped meanwhile. */
export interface DeliveryHealth {
  ok: boolean;
  /** Sites whose delivery is paused, with the Braze status that paused it. */
  paused: { site: string; status: number; message: string; since: number }[];
}

export interface Delivery {
  /** Resolves when the submission is safe; rejects with a `DeliveryError` (errors.ts) when it is not. */
  submit(submission: PreparedSubmission): Promise<DeliveryReceipt>;
  /** Counters and queue state for `GET /v1/admin/stats`. */
  stats?(): Promise<StatsSnapshot>;
  health?(): DeliveryHealth;
  /** Objects Braze refused for good, for the admin routes and `npm run dlq`. */
  deadLetters?: DeadLetterStore;
}
