/**
 * Packs submissions into `/users/track` calls under Braze's object limit (braze-api.md §2.4):
 * 75 objects across attributes + events + purchases (`combined`), or 75 per array (`legacy`).
 * A submission's objects stay in one call unless it alone exceeds the limit.
 */
import type { BrazeAttributesObject, BrazeEvent, UsersTrackBody, UsersTrackError } from '../braze/types.ts';
import type { PreparedSubmission } from './types.ts';

export type LimitMode = 'combined' | 'legacy';

export interface PackLimits {
  mode: LimitMode;
  /** Objects per call (`combined`) or per array (`legacy`). */
  maxObjects: number;
}

export const BRAZE_LIMITS: PackLimits = { mode: 'combined', maxObjects: 75 };

export type InputArray = UsersTrackError['input_array'];
export const INPUT_ARRAYS: readonly InputArray[] = ['attributes', 'events', 'purchases'];

/** The objects of one submission that travel in one call (all of them, unless it had to be split). */
export interface BatchPart {
  submission: PreparedSubmission;
  attributes: BrazeAttributesObject[];
  events: BrazeEvent[];
  purchases: Record<string, unknown>[];
}

/** One `/users/track` call: parts of one site's submissions, in arrival order. */
export interface Batch {
  site: string;
  parts: BatchPart[];
}

/** Objects per array. */
export type Counts = Record<InputArray, number>;
export const NO_OBJECTS: Counts = { attributes: 0, events: 0, purchases: 0 };

export function partOf(submission: PreparedSubmission): BatchPart {
  return { submission, attributes: submission.attributes, events: submission.events, purchases: submission.purchases ?? [] };
}

export function objectCount(part: Pick<BatchPart, InputArray>): number {
  return part.attributes.length + part.events.length + part.purchases.length;
}

/** Whether `add` more objects still fit in one call that already carries `used`. */
export function fits(used: Counts, add: Counts, limits: PackLimits): boolean {
  if (limits.mode === 'combined') return used.attributes + used.events + used.purchases + add.attributes + add.events + add.purchases <= limits.maxObjects;
  return INPUT_ARRAYS.every((a) => used[a] + add[a] <= limits.maxObjects);
}

export const countsOf = (part: Pick<BatchPart, InputArray>): Counts => ({ attributes: part.attributes.length, events: part.events.length, purchases: part.purchases.length });

/** A call carrying `used` is full: in combined mode at the limit, in legacy mode when one array is. */
export function isFull(used: Counts, limits: PackLimits): boolean {
  return limits.mode === 'combined' ? used.attributes + used.events + used.purchases >= limits.maxObjects : INPUT_ARRAYS.some((a) => used[a] >= limits.maxObjects);
}

/** Next-fit per site, so calls keep arrival order: everything in call n arrived before call n+1's. */
export function packBatches(submissions: readonly PreparedSubmission[], limits: PackLimits = BRAZE_LIMITS): Batch[] {
  const batches: Batch[] = [];
  const open = new Map<string, { batch: Batch; used: Counts }>();
  const fresh = (site: string) => {
    const entry = { batch: { site, parts: [] }, used: { attributes: 0, events: 0, purchases: 0 } };
    batches.push(entry.batch);
    open.set(site, entry);
    return entry;
  };
  for (const submission of submissions) {
    for (const part of splitToFit(partOf(submission), limits)) {
      const add = countsOf(part);
      let entry = open.get(submission.site);
      if (!entry || !fits(entry.used, add, limits)) entry = fresh(submission.site);
      entry.batch.parts.push(part);
      for (const a of INPUT_ARRAYS) entry.used[a] += add[a];
    }
  }
  return batches;
}

/** A submission larger than one call (no form produces one) is cut into parts that each fit. */
function splitToFit(part: BatchPart, limits: PackLimits): BatchPart[] {
  const empty: Counts = { attributes: 0, events: 0, purchases: 0 };
  if (fits(empty, countsOf(part), limits)) return [part];
  const parts: BatchPart[] = [];
  let current: BatchPart = { ...part, attributes: [], events: [], purchases: [] };
  let used = { ...empty };
  for (const array of INPUT_ARRAYS) {
    for (const object of part[array]) {
      if (!fits(used, { ...empty, [array]: 1 }, limits)) {
        parts.push(current);
        current = { ...part, attributes: [], events: [], purchases: [] };
        used = { ...empty };
      }
      (current[array] as unknown[]).push(object);
      used[array] += 1;
    }
  }
  parts.push(current);
  return parts;
}

/** The request body of a batch, and the way back from Braze's `(input_array, index)` to a part. */
export function bodyOf(parts: readonly BatchPart[]): { body: UsersTrackBody; locate(array: InputArray, index: number): { part: number; index: number } | undefined } {
  const body: UsersTrackBody = {};
  const owners: Record<InputArray, { part: number; index: number }[]> = { attributes: [], events: [], purchases: [] };
  for (const array of INPUT_ARRAYS) {
    const objects: unknown[] = [];
    parts.forEach((part, p) => part[array].forEach((object, index) => (objects.push(object), owners[array].push({ part: p, index }))));
    if (objects.length > 0) (body as Record<InputArray, unknown[]>)[array] = objects;
  }
  return { body, locate: (array, index) => owners[array]?.[index] };
}
