/** Event and purchase objects of braze-api.md §2.1. */
import { isRecord } from './http.ts';
import type { ObjectErrorCode } from './object-errors.ts';
import type { Clock } from './clock.ts';
import type { Profile } from './store.ts';

export type Recorder = { ok: true; record(profile: Profile): void } | { ok: false; code: ObjectErrorCode };

const RESERVED = new Set(['time', 'event_name']);

function parseIso(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function validProperties(value: unknown): value is Record<string, unknown> {
  if (value === undefined) return true;
  if (!isRecord(value)) return false;
  return Object.entries(value).every(
    ([k, v]) => k.length > 0 && k.length <= 255 && !k.startsWith('$') && !RESERVED.has(k) && (typeof v !== 'string' || v.length <= 255),
  );
}

/** Future timestamps become now (§2.1). */
const clampTime = (ms: number, clock: Clock) => new Date(Math.min(ms, clock.now())).toISOString();

export function planEvent(object: Record<string, unknown>, clock: Clock): Recorder {
  const ms = parseIso(object.time);
  if (typeof object.name !== 'string' || object.name === '' || ms === undefined) return { ok: false, code: 'BAD_EVENT' };
  if (!validProperties(object.properties)) return { ok: false, code: 'BAD_EVENT_PROPERTIES' };
  const event = { name: object.name, time: clampTime(ms, clock), properties: (object.properties as Record<string, unknown> | undefined) ?? {} };
  return { ok: true, record: (p) => void p.events.push(event) };
}

export function planPurchase(object: Record<string, unknown>, clock: Clock): Recorder {
  const ms = parseIso(object.time);
  const quantity = object.quantity ?? 1;
  const valid =
    typeof object.product_id === 'string' && object.product_id !== '' &&
    typeof object.currency === 'string' && /^[A-Z]{3}$/.test(object.currency) &&
    typeof object.price === 'number' && Number.isFinite(object.price) &&
    typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= 1 && quantity <= 100 &&
    ms !== undefined;
  if (!valid) return { ok: false, code: 'BAD_PURCHASE' };
  if (!validProperties(object.properties)) return { ok: false, code: 'BAD_EVENT_PROPERTIES' };
  const purchase = {
    product_id: object.product_id as string,
    currency: object.currency as string,
    price: object.price as number,
    quantity,
    time: clampTime(ms, clock),
    properties: (object.properties as Record<string, unknown> | undefined) ?? {},
  };
  return { ok: true, record: (p) => void p.purchases.push(purchase) };
}
