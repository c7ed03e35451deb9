/**
 * Durable delivery: `submit` resolves once the submission is in the outbox (the 202 promise), and a
 * worker takes it to Braze from there. Any runtime with an `OutboxStore` can use it.
 */
import { DeliveryError } from './errors.ts';
import type { DeliverContext } from './deliver.ts';
import type { OutboxWorker } from './outbox-worker.ts';
import { countsOf, partOf } from './pack.ts';
import type { DeadLetterStore, OutboxStore } from './stores.ts';
import type { Delivery } from './types.ts';

export function createOutboxDelivery(store: OutboxStore, worker: OutboxWorker, ctx: DeliverContext, deadLetters?: DeadLetterStore): Delivery {
  return {
    async submit(submission) {
      let inserted: boolean;
      try {
        inserted = await store.enqueue(submission, ctx.now());
      } catch (error) {
        console.error('inlet: the outbox refused a write', error instanceof Error ? error.message : typeof error);
        throw new DeliveryError('store_unavailable', 'The sign-up could not be stored right now; try again shortly.', 10);
      }
      ctx.stats.add(inserted ? 'accepted' : 'duplicates');
      if (inserted) worker.notify(countsOf(partOf(submission)));
      return { status: inserted ? 'accepted' : 'duplicate' };
    },
    async stats() {
      const depth = await store.depth();
      return ctx.stats.snapshot({
        queue: { depth: depth.pending, oldestPendingAgeMs: depth.oldestPendingAt === undefined ? null : Math.max(0, ctx.now() - depth.oldestPendingAt) },
        deadLetters: deadLetters ? await deadLetters.count() : 0,
        health: ctx.pauses.health(),
      });
    },
    health: () => ctx.pauses.health(),
    // A replayed dead letter is back in the outbox: wake the worker rather than wait for its poll.
    deadLetters: deadLetters && {
      ...deadLetters,
      async replay(id, now) {
        const replayed = await deadLetters.replay(id, now);
        if (replayed) worker.notify({ attributes: 1, events: 0, purchases: 0 });
        return replayed;
      },
    },
  };
}
