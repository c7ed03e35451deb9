/**
 * Drains an `OutboxStore`: claims due submissions, delivers them, records the outcome. A round
 * starts as soon as a full call's worth (75 objects) is waiting; a partial call waits while sign-ups
 * keep arriving, and leaves once none came for `lingerMs` or its oldest has waited `maxLingerMs`.
 * So a burst at any pace becomes full calls, and a lone sign-up still goes out within `lingerMs`.
 */
import { deliverEntries, type DeliverContext } from './deliver.ts';
import { countsOf, INPUT_ARRAYS, isFull, NO_OBJECTS, partOf, type Counts } from './pack.ts';
import type { Settlement } from './settlement.ts';
import type { OutboxEntry, OutboxStore } from './stores.ts';

export interface OutboxWorkerOptions {
  /** A partial batch leaves once no sign-up arrived for this long (the burst is over, or it is alone). */
  lingerMs: number;
  /** ...or once its oldest sign-up has waited this long, however steady the trickle that keeps it filling. */
  maxLingerMs: number;
  /** Even with nothing announced, look for due work this often (rows replayed by `npm run dlq`, clock drift). */
  pollMs: number;
  log: (message: string) => void;
}

export const WORKER_DEFAULTS: OutboxWorkerOptions = { lingerMs: 50, maxLingerMs: 1_000, pollMs: 2_000, log: console.error };

export interface OutboxWorker {
  /** Called after each enqueue with the submission's objects per array. */
  notify(objects: Counts): void;
  /** Puts submissions a dead process had claimed back in line, then starts working. */
  start(): Promise<void>;
  /** Stops starting rounds and waits for those in flight. */
  stop(): Promise<void>;
}

export function createOutboxWorker(store: OutboxStore, ctx: DeliverContext, input: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
  const options = { ...WORKER_DEFAULTS, ...input };
  const maxLinger = Math.max(options.maxLingerMs, options.lingerMs);
  const limits = ctx.options.limits;
  const rounds = new Set<Promise<void>>();
  let running = false;
  /** Objects announced but not yet claimed (an estimate: it only decides when to start a round). */
  let waiting: Counts = { ...NO_OBJECTS };
  const anyWaiting = () => waiting.attributes + waiting.events + waiting.purchases > 0;
  let flushRequested = false;
  let lingerTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest object now waiting was announced, and when the latest was. */
  let firstWaitingAt = 0;
  let lastArrivalAt = 0;
  let dueTimer: ReturnType<typeof setTimeout> | undefined;
  const retryTimers = new Set<ReturnType<typeof setTimeout>>();

  function schedule(): void {
    if (!running) return;
    // Full calls never wait; a flush (linger over, retries due) runs rounds until a claim comes back short.
    while (rounds.size < ctx.options.concurrency && (isFull(waiting, limits) || flushRequested)) startRound();
    if (anyWaiting() && !lingerTimer) armLinger();
  }

  /** Sends the partial call when arrivals pause for `lingerMs` or its oldest reaches `maxLingerMs`. */
  function armLinger(): void {
    const now = Date.now();
    const wait = Math.max(0, Math.min(lastArrivalAt + options.lingerMs - now, firstWaitingAt + maxLinger - now));
    const due = now + wait;
    lingerTimer = setTimeout(() => {
      lingerTimer = undefined;
      if (!anyWaiting()) return;
      const at = Date.now();
      // A timer that fired late means the event loop was busy (a commit, a burst of requests): the
      // sign-ups that arrived meanwhile are not counted yet, so a late tick is no proof of a pause.
      const late = at - due > options.lingerMs / 2;
      if (at - firstWaitingAt >= maxLinger || (!late && at - lastArrivalAt >= options.lingerMs)) flush();
      else armLinger();
    }, wait);
  }

  function arrive(counts: Counts): void {
    const now = Date.now();
    if (!anyWaiting()) firstWaitingAt = now;
    lastArrivalAt = now;
    for (const array of INPUT_ARRAYS) waiting[array] += counts[array];
  }

  function flush(): void {
    flushRequested = true;
    schedule();
  }

  function startRound(): void {
    waiting = takeOneCall(waiting);
    // What is left starts a fresh linger: a partial call goes only when no full one took it meanwhile.
    if (lingerTimer) clearTimeout(lingerTimer);
    lingerTimer = undefined;
    firstWaitingAt = lastArrivalAt = Date.now();
    const round = runRound()
      .catch((error: unknown) => {
        options.log(`inlet: delivery round failed (${error instanceof Error ? error.message : String(error)}); retrying shortly`);
        armDueTimer(1_000);
      })
      .finally(() => {
        rounds.delete(round);
        schedule();
      });
    rounds.add(round);
  }

  async function runRound(): Promise<void> {
    const now = ctx.now();
    const { entries, more } = await store.claim({ now, limits, skipSites: ctx.pauses.blocked(now) });
    if (!more) flushRequested = false;
    if (entries.length > 0) {
      let settlements: Settlement[];
      try {
        settlements = await deliverEntries(entries, ctx);
      } catch (error) {
        // Claimed rows must not stay claimed: put them back without counting an attempt.
        settlements = entries.map((e) => ({ id: e.submission.id, kind: 'retry', delayMs: 1_000, reason: 'internal error', countsAsAttempt: false }));
        await store.settle(settlements, ctx.now());
        throw error;
      }
      await store.settle(settlements, ctx.now());
      announceRetries(entries, settlements);
    }
    await armNextDue();
  }

  /**
   * Sign-ups of a failed call share one due time: when it comes they are announced again like new
   * arrivals, so they join the fresh ones in full calls instead of leaving one by one.
   */
  function announceRetries(entries: readonly OutboxEntry[], settlements: readonly Settlement[]): void {
    const byDelay = new Map<number, Counts>();
    settlements.forEach((s, i) => {
      if (s.kind !== 'retry') return;
      const counts = countsOf(partOf(s.remaining ?? entries[i]!.submission));
      const sum = byDelay.get(s.delayMs) ?? { ...NO_OBJECTS };
      for (const array of INPUT_ARRAYS) sum[array] += counts[array];
      byDelay.set(s.delayMs, sum);
    });
    for (const [delayMs, counts] of byDelay) {
      const timer = setTimeout(() => {
        retryTimers.delete(timer);
        if (!running) return;
        arrive(counts);
        schedule();
      }, delayMs);
      retryTimers.add(timer);
    }
  }

  async function armNextDue(): Promise<void> {
    const now = ctx.now();
    const due = await store.nextDueAt(ctx.pauses.blocked(now));
    // Fresh arrivals are due at once but wait out their linger; the linger timer sends them.
    if (due !== undefined && due <= now && anyWaiting() && lingerTimer) return;
    // Due now yet unannounced: rows whose arrival was counted into a call that was claimed before their
    // group commit made them visible, or rows recovered after a restart. They linger like an arrival, so
    // the sign-ups that come meanwhile join them in a full call instead of one leaving alone.
    if (due !== undefined && due <= now) {
      arrive({ ...NO_OBJECTS, attributes: 1 });
      schedule();
      return;
    }
    // Retries due then are announced by their own timer and linger for company first; this one only
    // sweeps up what nothing announced (rows recovered after a restart, replays), a linger later.
    armDueTimer(due === undefined ? options.pollMs : Math.min(options.pollMs, Math.max(0, due - now) + (due > now ? options.lingerMs * 2 : 0)));
  }

  function armDueTimer(ms: number): void {
    if (!running) return;
    if (dueTimer) clearTimeout(dueTimer);
    dueTimer = setTimeout(() => {
      dueTimer = undefined;
      flush();
    }, ms);
  }

  /** What is left waiting once a round takes one call's worth. */
  function takeOneCall(from: Counts): Counts {
    if (limits.mode === 'legacy') return { attributes: Math.max(0, from.attributes - limits.maxObjects), events: Math.max(0, from.events - limits.maxObjects), purchases: Math.max(0, from.purchases - limits.maxObjects) };
    let room = limits.maxObjects;
    const left = { ...from };
    for (const array of INPUT_ARRAYS) {
      const taken = Math.min(room, left[array]);
      left[array] -= taken;
      room -= taken;
    }
    return left;
  }

  return {
    notify(objects) {
      arrive(objects);
      schedule();
    },
    async start() {
      if (running) return;
      const recovered = await store.recover();
      if (recovered > 0) options.log(`inlet: ${recovered} submission(s) claimed before a restart are back in the outbox`);
      running = true;
      flush();
    },
    async stop() {
      running = false;
      if (lingerTimer) clearTimeout(lingerTimer);
      if (dueTimer) clearTimeout(dueTimer);
      for (const timer of retryTimers) clearTimeout(timer);
      retryTimers.clear();
      lingerTimer = dueTimer = undefined;
      await Promise.allSettled([...rounds]);
    },
  };
}
