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
import { createDeliveryLog, type DeliveryLog } from './delivery-log.ts';
import { createStats, type Stats } from './stats.ts';
import type { SiteClients } from './workspaces.ts';
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

/** One Braze workspace: its client and its own rate limiter (each workspace has its own Braze limits). */
export interface Workspace {
  client: BrazeClient;
  limiter: Limiter;
}

export interface DeliverContext {
  /** The deployment's own workspace, used by every site that names none. */
  client: BrazeClient;
  options: DeliveryOptions;
  limiter: Limiter;
  /** The workspace a site delivers to, resolved at delivery time from the site (the outbox stores no key). */
  workspaceOf: (site: string) => Workspace;
  stats: Stats;
  pauses: PauseBoard;
  /** Omit to send every attribute every time. */
  deltas?: DeltaStore;
  now: () => number;
  random: () => number;
  /** One structured line per failed call and per dead letter (delivery-log.ts); never personal data. */
  log: DeliveryLog;
}

export interface DeliverContextInput {
  client: BrazeClient;
  /**
   * Sites that name their own workspace (`sites.<id>.braze`): their client, made once per endpoint
   * and key (workspaces.ts). Sites not listed deliver with `client`.
   */
  siteClients?: SiteClients;
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
  const limiterFor = () => createLimiter({ concurrency: options.concurrency, ...options.rateLimit, now, sleep: input.sleep });
  const main: Workspace = { client: input.client, limiter: limiterFor() };
  const byKey = new Map<string, Workspace>();
  const bySite = new Map<string, Workspace>();
  for (const [site, { key, client }] of input.siteClients ?? []) {
    if (!byKey.has(key)) byKey.set(key, { client, limiter: limiterFor() });
    bySite.set(site, byKey.get(key)!);
  }
  return {
    client: input.client,
    options,
    limiter: main.limiter,
    workspaceOf: (site) => bySite.get(site) ?? main,
    stats: createStats(now),
    pauses: createPauseBoard(options.pauseProbeMs, input.log),
    deltas: input.deltas,
    now,
    random: input.random ?? Math.random,
    log: createDeliveryLog(input.log),
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
  // Batches are per site, so a call never carries two workspaces' objects.
  const batches = packBatches(toSend, ctx.options.limits);
  const entryOf = new Map(entries.map((e) => [e.submission.id, e]));
  const bySubmission = new Map<string, Outcome>();
  await Promise.all(
    batches.map(async (batch) => {
      const workspace = ctx.workspaceOf(batch.site);
      const outcomes = await sendBatch(batch.parts, { client: workspace.client, limiter: workspace.limiter, stats: ctx.stats, now: ctx.now });
      const failure = callFailure(outcomes);
      // One decision per failed call: its sign-ups come back together, so they rejoin one full call.
      const attempts = Math.max(...batch.parts.map((p) => entryOf.get(p.submission.id)!.attempts)) + 1;
      const retryInMs = failure ? retryDelay(failure, attempts, ctx) : undefined;
      if (failure) ctx.log.failedCall({ site: batch.site, status: failure.status, count: batch.parts.reduce((n, p) => n + objectCount(p), 0), retryInMs: retryInMs!, reason: failure.reason });
      batch.parts.forEach((part, i) => {
        const id = part.submission.id;
        const mine = bySubmission.get(id) ?? { pairs: [] };
        mine.pairs.push([part, outcomes[i]!]);
        if (failure && (mine.retryInMs === undefined || retryInMs! > mine.retryInMs)) mine.retryInMs = retryInMs;
        bySubmission.set(id, mine);
      });
    }),
  );

  for (const entry of entries) {
    const plan = plans.get(entry.submission.id);
    if (!plan) continue;
    settled.set(entry.submission.id, await settle(entry, plan, bySubmission.get(entry.submission.id) ?? { pairs: [] }, ctx, now));
  }
  await deliverTriggers(entries, settled, ctx, now);
  const out = entries.map((e) => settled.get(e.submission.id)!);
  for (const s of out) if (s.kind === 'done' && s.deadLetter) ctx.log.deadLetter(s.deadLetter);
  return out;
}

interface Outcome {
  pairs: [BatchPart, PartOutcome][];
  /** Set when a call carrying this submission failed: when to try again. */
  retryInMs?: number;
}

/** What went wrong with a call as a whole, if anything: a retry or a pause applies to every part. */
function callFailure(outcomes: readonly PartOutcome[]): { kind: 'retry' | 'paused'; status: number; reason: string; retryAfterMs?: number } | undefined {
  const retry = outcomes.find((o) => o.kind === 'retry');
  if (retry?.kind === 'retry') return { kind: 'retry', status: retry.status, reason: retry.reason, retryAfterMs: retry.retryAfterMs };
  const paused = outcomes.find((o) => o.kind === 'paused');
  if (paused?.kind === 'paused') return { kind: 'paused', status: paused.status, reason: paused.message || `HTTP ${paused.status}` };
  return undefined;
}

/**
 * A 429 waits for Braze's reset header and nothing more: being rate limited is the workspace's
 * state, not the sign-up's fault, so it neither doubles the backoff nor counts as an attempt.
 * Other failures back off exponentially with jitter, drawn once per call.
 */
function retryDelay(failure: { kind: string; status: number; retryAfterMs?: number }, attempts: number, ctx: DeliverContext): number {
  if (failure.kind === 'paused') return ctx.options.pauseProbeMs;
  if (failure.status === 429) return failure.retryAfterMs ?? ctx.options.backoff.baseMs;
  return Math.max(failure.retryAfterMs ?? 0, backoffMs(attempts, ctx.options.backoff, ctx.random));
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
  // Like track calls, trigger calls go to each site's own workspace, never two in one call.
  const byWorkspace = new Map<Workspace, OutboxEntry[]>();
  for (const entry of due) {
    const workspace = ctx.workspaceOf(entry.submission.site);
    byWorkspace.set(workspace, [...(byWorkspace.get(workspace) ?? []), entry]);
  }
  await Promise.all(
    [...byWorkspace].map(async ([workspace, group]) => {
      const outcomes = await sendTriggers(group.flatMap((e) => e.submission.triggers!), { client: workspace.client, limiter: workspace.limiter, stats: ctx.stats, canvasProperties: ctx.options.canvasProperties });
      let at = 0;
      for (const entry of group) {
        const triggers = entry.submission.triggers!;
        const mine = outcomes.slice(at, (at += triggers.length));
        settled.set(entry.submission.id, settleTriggers(entry, triggers, mine, ctx, now));
      }
    }),
  );
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
    const delayMs = retryDelay({ kind: 'retry', status: retry.status, retryAfterMs: retry.retryAfterMs }, entry.attempts + 1, ctx);
    ctx.log.failedCall({ site: submission.site, status: retry.status, count: unsent.length, retryInMs: delayMs, reason: `trigger: ${retry.reason}` });
    return retryOrGiveUp(entry, { status: retry.status, reason: retry.reason, delayMs }, ctx, now, { what: 'on the trigger ', letter: (reason) => letterOf(entry, { reason, status: retry.status, triggers: unsent }, now, 'trigger', ctx.stats), remaining });
  }
  if (paused?.kind === 'paused') {
    // The track part of every sign-up still flows: only triggers wait, under their own pause entry.
    const permission = triggers.some((t) => t.kind === 'canvas') ? 'canvas.trigger.send' : 'campaigns.trigger.send';
    ctx.pauses.pause(pauseKey, paused.status, paused.message, now, permission);
    ctx.log.failedCall({ site: submission.site, status: paused.status, count: unsent.length, retryInMs: ctx.options.pauseProbeMs, reason: `trigger paused: ${paused.message || `HTTP ${paused.status}`}` });
    return { id: submission.id, kind: 'retry', delayMs: ctx.options.pauseProbeMs, reason: 'trigger paused', countsAsAttempt: false, remaining };
  }
  const rejected = outcomes.find((o) => o.kind === 'rejected');
  if (rejected?.kind === 'rejected') return letterOf(entry, { reason: rejected.reason, status: rejected.status, triggers: unsent }, now, 'trigger', ctx.stats);
  return { id: submission.id, kind: 'done', dead: false };
}

/** The pause-board entry for a site's triggers: shown by `/healthz`, it never holds the site's track calls. */
export const triggerPauseKey = (site: string) => `${site} (triggers)`;

/**
 * The one place a failed attempt becomes a retry or, once the submission has waited
 * `giveUpAfterMs`, a dead letter: track calls and trigger calls both come through here.
 */
function retryOrGiveUp(
  entry: OutboxEntry,
  failure: { status: number; reason: string; delayMs: number },
  ctx: DeliverContext,
  now: number,
  how: { what: string; letter: (reason: string) => Settlement; remaining?: PreparedSubmission },
): Settlement {
  const attempts = entry.attempts + 1;
  const last = `${failure.reason} (HTTP ${failure.status})`;
  if (now - entry.enqueuedAt >= ctx.options.giveUpAfterMs) {
    return how.letter(`gave up ${how.what}after ${attempts} attempts over ${Math.round((now - entry.enqueuedAt) / 3600_000)} h; last answer: ${last}`);
  }
  ctx.stats.add('retried');
  // A 429 is the workspace's limit, not this sign-up's failure: it does not count toward the backoff.
  const countsAsAttempt = failure.status !== 429;
  const prefix = how.remaining ? 'trigger: ' : '';
  return { id: entry.submission.id, kind: 'retry', delayMs: failure.delayMs, reason: `${prefix}${last}`, countsAsAttempt, ...(how.remaining && { remaining: how.remaining }) };
}

async function settle(entry: OutboxEntry, plan: DeltaPlan, outcome: Outcome, ctx: DeliverContext, now: number): Promise<Settlement> {
  const { submission } = entry;
  const outcomes = outcome.pairs;
  const paused = outcomes.find(([, o]) => o.kind === 'paused')?.[1];
  if (paused?.kind === 'paused') {
    ctx.pauses.pause(submission.site, paused.status, paused.message, now);
    return pause(submission.id, ctx.options.pauseProbeMs);
  }
  const retry = outcomes.map(([, o]) => o).find((o) => o.kind === 'retry');
  if (retry?.kind === 'retry') {
    const delayMs = outcome.retryInMs ?? retryDelay({ kind: 'retry', status: retry.status, retryAfterMs: retry.retryAfterMs }, entry.attempts + 1, ctx);
    const whole = plan.submission;
    return retryOrGiveUp(entry, { status: retry.status, reason: retry.reason, delayMs }, ctx, now, {
      what: '',
      letter: (reason) => letterOf(entry, { ...everyObject(whole, reason), reason, status: retry.status, triggers: whole.triggers }, now, 'all', ctx.stats),
    });
  }

  // A trigger-only remainder (track part delivered in an earlier round) made no track call here.
  const tracked = objectCount(partOf(submission)) > 0 || !submission.triggers?.length;
  if (tracked) ctx.pauses.resume(submission.site);
  ctx.stats.add('dataPointsSaved', plan.saved);
  const body: Record<string, unknown[]> = {};
  const errors: UsersTrackError[] = [];
  let status = 201;
  const refusedAttributes = new Set<BrazeAttributesObject>();
  for (const [part, result] of outcomes) {
    if (result.kind !== 'accepted') continue;
    for (const refused of result.refused) {
      const object = part[refused.array][refused.index]!;
      if (refused.array === 'attributes') refusedAttributes.add(object as BrazeAttributesObject);
      const list = (body[refused.array] ??= []);
      list.push(object);
      errors.push({ type: refused.reason, input_array: refused.array, index: list.length - 1 });
      status = result.status;
    }
  }
  if (ctx.deltas) {
    const accepted = plan.submission.attributes.flatMap((object, index) => (refusedAttributes.has(object) ? [] : [index]));
    await rememberDelivered(plan, accepted, ctx.deltas, now + ctx.options.deltaTtlMs);
  }
  const total = objectCount({ ...plan.submission, purchases: plan.submission.purchases ?? [] });
  const allRefused = errors.length > 0 && errors.length >= total;
  // `delivered` and `dead` never overlap: a sign-up whose every object Braze refused is dead, not delivered.
  if (tracked && !allRefused) ctx.stats.add('delivered');
  if (errors.length === 0) return { id: submission.id, kind: 'done', dead: false };
  const reason = [...new Set(errors.map((e) => e.type))].join('; ');
  return letterOf(entry, { body, errors, reason, status, triggers: submission.triggers }, now, allRefused ? 'all' : 'some', ctx.stats);
}

/** Every object of a submission, each refused for `reason`: what a dead letter holds when all of it failed. */
export function everyObject(submission: PreparedSubmission, reason: string): { body: UsersTrackBody; errors: UsersTrackError[] } {
  const body: UsersTrackBody = {};
  const errors: UsersTrackError[] = [];
  for (const array of INPUT_ARRAYS) {
    const objects = (array === 'purchases' ? submission.purchases ?? [] : submission[array]) as unknown[];
    if (objects.length === 0) continue;
    (body as Record<string, unknown[]>)[array] = objects;
    objects.forEach((_, index) => errors.push({ type: reason, input_array: array, index }));
  }
  return { body, errors };
}

/**
 * The one way a dead letter is made, by the outbox worker, direct delivery and the Queues consumer
 * alike. `refused`: `all` of the submission (it is dead), `some` of its objects, or only its `trigger`.
 */
export function letterOf(
  entry: OutboxEntry,
  letter: { body?: UsersTrackBody; errors?: UsersTrackError[]; reason: string; status: number; triggers?: MessagingTrigger[] },
  now: number,
  refused: 'all' | 'some' | 'trigger',
  stats?: Stats,
): Settlement & { kind: 'done' } {
  const { submission } = entry;
  const errors = letter.errors ?? [];
  const dead: DeadLetter = {
    id: submission.id,
    site: submission.site,
    identity: submission.identity,
    body: letter.body ?? {},
    errors,
    reason: letter.reason,
    status: letter.status,
    ...(letter.triggers?.length ? { triggers: letter.triggers } : {}),
    attempts: entry.attempts + 1,
    deadAt: now,
  };
  stats?.add('deadLettered');
  if (errors.length) stats?.add('deadLetteredObjects', errors.length);
  if (refused === 'all') stats?.add('dead');
  return { id: submission.id, kind: 'done', dead: refused === 'all', deadLetter: dead };
}

const pause = (id: string, delayMs: number): Settlement => ({ id, kind: 'retry', delayMs: Math.max(0, delayMs), reason: 'delivery paused', countsAsAttempt: false });
