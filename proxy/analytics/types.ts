/** The analytics vocabulary shared by ingest, storage and the read side. */

/** Names a widget beacon may carry. `signup` and `step_submit` are counted by the proxy, never from a beacon. */
export const BEACON_EVENTS = ['assigned', 'view', 'step_view', 'close', 'teaser_view', 'teaser_click', 'coupon_copy', 'cta_click', 'visit'] as const;
export type BeaconEventName = (typeof BEACON_EVENTS)[number];
export type EventName = BeaconEventName | 'signup' | 'step_submit' | 'subscription';

/** The variant recorded for visitors held out of the form: assigned, never shown. */
export const HOLDOUT = '_holdout';

export type DeviceClass = 'mobile' | 'tablet' | 'desktop';

export interface EventRow {
  ts: number;
  site: string;
  form: string;
  version: number;
  /** Variant id, `_holdout`, or `""` for a form without variants. */
  variant: string;
  step: number;
  name: EventName;
  /** `subscription`: the group id; `cta_click`: the link's step; `visit`: ""; otherwise "". */
  detail: string;
  visitor: string;
  device: DeviceClass;
  path: string;
  /** The visitor key is the widget's stored id (1), or a daily-salted hash (0). */
  consented: 0 | 1;
  /** `assigned`: the browser's key for the day (see visitor.ts), matched to its manifest request. */
  fetchKey?: string;
  /** `visit`: pages of the visit that ended and when it started. */
  pages?: number;
  started?: number;
}

export interface SignupInput {
  ts: number;
  site: string;
  form: string;
  version: number;
  variant: string;
  step: number;
  visitor: string;
  device: DeviceClass;
  path: string;
  /** Keyed hash of the identifier (email/phone/external id), to tell whether Inlet saw it before. */
  identifierHash: string;
  /** Subscription group ids this step subscribed. */
  subscriptions: string[];
}

export interface AnalyticsFilter {
  site: string;
  form?: string;
  version?: number;
  variant?: string;
  step?: number;
  /** Inclusive start, ms since epoch. */
  from?: number;
  /** Exclusive end, ms since epoch. */
  to?: number;
  device?: DeviceClass;
  path?: string;
}
