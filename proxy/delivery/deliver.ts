/**
 * One delivery round, shared by every durable runtime (the SQLite outbox worker on Node, the Queues
 * consumer on Workers): deltas → packing → calls → one `Settlement` per submission; then the
 * messaging triggers of submissions whose track objects were all accepted (triggers.ts).
 */
import type { BrazeClient } from '../braze/client.ts';
import type { BrazeAttributesObject, UsersTrackBody, UsersTrackError } from '../braze/types.ts';
import { backoffMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { planDelta, rememberDelivered, type DeltaPlan } from './delta.ts';
import { createLimiter, type Limiter } from './limiter.ts';
import { BRAZE_LIMITS, INPUT_ARRAYS, objectCount, packBatches, partOf, type BatchPart, type PackLimits } from './pack.ts';
import { createPauseBoard, type PauseBoard } from './pauses.ts';
import { sendBatch, type PartOutcome } from './send-batch.ts';
import type { Settlement } from './settlement.ts';
import { createStats, type Stats } from './stats.ts';
import type { DeadLetter, DeltaStore, OutboxEntry } from './stores.ts';
import { sendTriggers, type CanvasPropertiesField, type TriggerOutcome } from './triggers.ts';
import type { MessagingTrigger, PreparedSubmission } from './types.ts';

export interface DeliveryOptions {
  limits: PackLimits;
  backoff: BackoffOptions;
  /** Calls in flight at once, and calls started per window: keep under the workspace's Braze limit. */
  concurrency: number;
  rateLimit: { limit: number; windowMs: number };
  /** A submission still failing after this long goes to the dead letters (replayable) instead of waiting on. */
  giveUpAfterMs: number;
  /** While a site is paused (401/403), how often one round probes whether Braze accepts the key again. */
  pauseProbeMs: number;
  /** How long a delivered attribute value is remembered for deltas; after that it is sent again. */
  deltaTtlMs: number;
  /** Name of the Canvas properties object in `/canvas/trigger/send` (see triggers.ts). */
  canvasProperties: CanvasPropertiesField;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = {
  limits: BRAZE_LIMITS,
  backoff: DEFAULT_BACKOFF,
  concurrency: 4,
  rateLimit: { limit: 3_000, windowMs: 3_000 },
  giveUpAfterMs: 7 * 24 * 3600_000,
  pauseProbeMs: 30_000,
  deltaTtlMs: 30 * 24 * 3600_000,
  canvasProperties: 'context',
};

export interface DeliverContext {
  client: BrazeClient;
  options: DeliveryOptions;
  limiter: Limiter;
  stats: Stats;
  pauses: PauseBoard;
  /** Omit to send every attribute every time. */
  deltas?: DeltaStore;
  now: () => number;
  random: () => number;
}

export interface DeliverContextInput {
  client: BrazeClient;
  options?: Partial<DeliveryOptions>;
  deltas?: DeltaStore;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

export function createDeliverContext(input: DeliverContextInput): DeliverContext {
  const options: DeliveryOptions = { ...DELIVERY_DEFAULTS, ...input.options };
  const now = input.now ?? Date.now;
  return {
    client: input.client,
    options,
    limiter: createLimiter({ concurrency: options.concurrency, ...options.rateLimit, now, sleep: input.sleep }),
    stats: createStats(now),
    pauses: createPauseBoard(options.pauseProbeMs, input.log),
    deltas: input.deltas,
    now,
    random: input.random ?? Math.random,
  };
}

/** Delivers what it can of `entries` and says what became of each. Never throws for a Braze answer. */
export async function deliverEntries(entries: readonly OutboxEntry[], ctx: DeliverContext): Promise<Settlement[]> {
  const now = ctx.now();
  const blocked = new Set(ctx.pauses.blocked(now));
  const settled = new Map<string, Settlement>();
  const plans = new Map<string, DeltaPlan>();
  for (const entry of entries) {
    const { submission } = entry;
    if (blocked.has(submission.site)) {
      settled.set(submission.id, pause(submission.id, (ctx.pauses.probeAt(submission.site) ?? now) - now));
      continue;
    }
    const plan = ctx.deltas ? await planDelta(submission, ctx.deltas, now) : { submission, saved: 0, hashes: [], identityKey: '' };
    plans.set(submission.id, plan);
  }
  const toSend = [...plans.values()].map((p) => p.submission).filter((s) => objectCount({ ...s, purchases: s.purchases ?? [] }) > 0);
  const batches = packBatches(toSend, ctx.options.limits);
  const results = await Promise.all(batches.map(async (batch) => zip(batch.parts, await sendBatch(batch.parts, ctx))));
  const bySubmission = new Map<string, [BatchPart, PartOutcome][]>();
  for (const pair of results.flat()) {
    const id = pair[0].submission.id;
    bySubmission.set(id, [...(bySubmission.get(id) ?? []), pair]);
  }

  for (const entry of entries) {
    const plan = plans.get(entry.submission.id);
    if (!plan) continue;
    settled.set(entry.submission.id, await settle(entry, plan, bySubmission.get(entry.submission.id) ?? [], ctx, now));
  }
  await deliverTriggers(entries, settled, ctx, now);
  return entries.map((e) => settled.get(e.submission.id)!);
}

/**
 * Sends the triggers of submissions whose track part is done with nothing refused, and turns a
 * failed trigger into a retry of the trigger alone: `remaining` carries the submission without its
 * track objects, which the outbox or queue stores in its place (`/users/track` is not idempotent
 * for events, so the consent event must not go twice).
 */
async function deliverTriggers(entries: readonly OutboxEntry[], settled: Map<string, Settlement>, ctx: DeliverContext, now: number): Promise<void> {
  const trackDone = (id: string) => {
    const s = settled.get(id);
    return s?.kind === 'done' && !s.deadLetter;
  };
  const due = entries.filter((e) => e.submission.triggers?.length && trackDone(e.submission.id));
  if (due.length === 0) return;
  const flat = due.flatMap((e) => e.submission.triggers!);
  const outcomes = await sendTriggers(flat, { client: ctx.client, limiter: ctx.limiter, stats: ctx.stats, canvasProperties: ctx.options.canvasProperties });
  let at = 0;
  for (const entry of due) {
    const triggers = entry.submission.triggers!;
    const mine = outcomes.slice(at, (at += triggers.length));
    settled.set(entry.submission.id, settleTriggers(entry, triggers, mine, ctx, now));
  }
}

function settleTriggers(entry: OutboxEntry, triggers: MessagingTrigger[], outcomes: TriggerOutcome[], ctx: DeliverContext, now: number): Settlement {
  const { submission } = entry;
  const pauseKey = triggerPauseKey(submission.site);
  const paused = outcomes.find((o) => o.kind === 'paused');
  const retry = outcomes.find((o) => o.kind === 'retry');
  if (!paused) ctx.pauses.resume(pauseKey);
  // Refused triggers stay with the unsent ones until nothing is left to retry, then go to the dead letters.
  const unsent = triggers.filter((_, i) => outcomes[i]!.kind !== 'sent');
  const remaining: PreparedSubmission = { ...submission, attributes: [], events: [], purchases: undefined, triggers: unsent };
  if (retry?.kind === 'retry') {
    const attempts = entry.attempts + 1;
    const last = `${retry.reason} (HTTP ${retry.status})`;
    if (now - entry.enqueuedAt >= ctx.options.giveUpAfterMs) {
      return triggerLetter(entry, unsent, `gave up on the trigger after ${attempts} attempts; last answer: ${last}`, retry.status, ctx, now);
    }
    ctx.stats.add('retried');
    const delayMs = Math.max(retry.retryAfterMs ?? 0, backoffMs(attempts, ctx.options.backoff, ctx.random));
    return { id: submission.id, kind: 'retry', delayMs, reason: `trigger: ${last}`, countsAsAttempt: true, remaining };
  }
  if (paused?.kind === 'paused') {
    // The track part of every sign-up still flows: only triggers wait, under their own pause entry.
    const permission = triggers.some((t) => t.kind === 'canvas') ? 'canvas.trigger.send' : 'campaigns.trigger.send';
    ctx.pauses.pause(pauseKey, paused.status, paused.message, now, permission);
    return { id: submission.id, kind: 'retry', delayMs: ctx.options.pauseProbeMs, reason: 'trigger paused', countsAsAttempt: false, remaining };
  }
  const rejected = outcomes.find((o) => o.kind === 'rejected');
  if (rejected?.kind === 'rejected') return triggerLetter(entry, unsent, rejected.reason, rejected.status, ctx, now);
  return { id: submission.id, kind: 'done', dead: false };
}

/** The pause-board entry for a site's triggers: shown by `/healthz`, it never holds the site's track calls. */
export const triggerPauseKey = (site: string) => `${site} (triggers)`;

function triggerLetter(entry: OutboxEntry, triggers: MessagingTrigger[], reason: string, status: number, ctx: DeliverContext, now: number): Settlement {
  ctx.stats.add('deadLettered');
  return { id: entry.submission.id, kind: 'done', dead: false, deadLetter: { ...letterBase(entry, now), body: {}, errors: [], reason, status, triggers } };
}

async function settle(entry: OutboxEntry, plan: DeltaPlan, outcomes: [BatchPart, PartOutcome][], ctx: DeliverContext, now: number): Promise<Settlement> {
  const { submission } = entry;
  const paused = outcomes.find(([, o]) => o.kind === 'paused')?.[1];
  if (paused?.kind === 'paused') {
    ctx.pauses.pause(submission.site, paused.status, paused.message, now);
    return pause(submission.id, ctx.options.pauseProbeMs);
  }
  const retry = outcomes.map(([, o]) => o).find((o) => o.kind === 'retry');
  if (retry?.kind === 'retry') {
    const attempts = entry.attempts + 1;
    if (now - entry.enqueuedAt >= ctx.options.giveUpAfterMs) {
      const reason = `gave up after ${attempts} attempts over ${Math.round((now - entry.enqueuedAt) / 3600_000)} h; last answer: ${retry.reason} (HTTP ${retry.status})`;
      return deadAll(entry, plan.submission, reason, retry.status, ctx, now);
    }
    ctx.stats.add('retried');
    const delayMs = Math.max(retry.retryAfterMs ?? 0, backoffMs(attempts, ctx.options.backoff, ctx.random));
    return { id: submission.id, kind: 'retry', delayMs, reason: `${retry.reason} (HTTP ${retry.status})`, countsAsAttempt: true };
  }

  // A trigger-only remainder (track part delivered in an earlier round) made no track call here.
  if (objectCount(partOf(submission)) > 0 || !submission.triggers?.length) {
    ctx.pauses.resume(submission.site);
    ctx.stats.add('delivered');
  }
  ctx.stats.add('dataPointsSaved', plan.saved);
  const dead: DeadLetter = { ...letterBase(entry, now), body: {}, errors: [], reason: '', status: 201 };
  const refusedAttributes = new Set<BrazeAttributesObject>();
  for (const [part, outcome] of outcomes) {
    if (outcome.kind !== 'accepted') continue;
    for (const refused of outcome.refused) {
      const object = part[refused.array][refused.index]!;
      if (refused.array === 'attributes') refusedAttributes.add(object as BrazeAttributesObject);
      const list = ((dead.body as Record<string, unknown[]>)[refused.array] ??= []);
      list.push(object);
      dead.errors.push({ type: refused.reason, input_array: refused.array, index: list.length - 1 });
      dead.status = outcome.status;
    }
  }
  if (ctx.deltas) {
    const accepted = plan.submission.attributes.flatMap((object, index) => (refusedAttributes.has(object) ? [] : [index]));
    await rememberDelivered(plan, accepted, ctx.deltas, now + ctx.options.deltaTtlMs);
  }
  if (dead.errors.length === 0) return { id: submission.id, kind: 'done', dead: false };
  dead.reason = [...new Set(dead.errors.map((e) => e.type))].join('; ');
  if (submission.triggers?.length) dead.triggers = submission.triggers;
  const refusedCount = dead.errors.length;
  ctx.stats.add('deadLettered');
  ctx.stats.add('deadLetteredObjects', refusedCount);
  const total = objectCount({ ...plan.submission, purchases: plan.submission.purchases ?? [] });
  return { id: submission.id, kind: 'done', dead: refusedCount >= total, deadLetter: dead };
}

function deadAll(entry: OutboxEntry, submission: PreparedSubmission, reason: string, status: number, ctx: DeliverContext, now: number): Settlement {
  const body: UsersTrackBody = {};
  const errors: UsersTrackError[] = [];
  for (const array of INPUT_ARRAYS) {
    const objects = (array === 'purchases' ? submission.purchases ?? [] : submission[array]) as unknown[];
    if (objects.length === 0) continue;
    (body as Record<string, unknown[]>)[array] = objects;
    objects.forEach((_, index) => errors.push({ type: reason, input_array: array, index }));
  }
  ctx.stats.add('deadLettered');
  ctx.stats.add('deadLetteredObjects', errors.length);
  const triggers = submission.triggers?.length ? { triggers: submission.triggers } : {};
  return { id: submission.id, kind: 'done', dead: true, deadLetter: { ...letterBase(entry, now), body, errors, reason, status, ...triggers } };
}

const letterBase = (entry: OutboxEntry, now: number) => ({
  id: entry.submission.id,
  site: entry.submission.site,
  identity: entry.submission.identity,
  attempts: entry.attempts + 1,
  deadAt: now,
});

const pause = (id: string, delayMs: number): Settlement => ({ id, kind: 'retry', delayMs: Math.max(0, delayMs), reason: 'delivery paused', countsAsAttempt: false });

const zip = <A, B>(a: readonly A[], b: readonly B[]): [A, B][] => a.map((x, i) => [x, b[i]!]);
