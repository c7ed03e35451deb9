/**
 * Direct delivery, for runtimes with no durable queue: forward now, and answer `202` only when
 * Braze accepted. Anything else is a `503` the widget retries from its own storage.
 *
 * Idempotency is best effort here: ids are remembered in memory by this instance only, so a retry
 * that reaches another instance (or arrives after a restart) is delivered again.
 *
 * A submission whose track objects Braze accepted but whose trigger (double opt-in confirmation)
 * failed is answered `503` too, and its remainder (the trigger alone) is remembered: the widget's
 * resend of that id then sends only the trigger, not the track objects and consent event again.
 */
import type { BrazeClient } from '../braze/client.ts';
import { DeliveryError } from './errors.ts';
import { createDeliverContext, deliverEntries, type DeliveryOptions } from './deliver.ts';
import type { DeadLetterStore, DeltaStore } from './stores.ts';
import type { Delivery, DeliveryReceipt, PreparedSubmission } from './types.ts';
import type { SiteClients } from './workspaces.ts';

export interface DirectDeliveryOptions {
  /** Where objects Braze refuses for good are kept; logged only when omitted. */
  deadLetters?: DeadLetterStore;
  deltas?: DeltaStore;
  delivery?: Partial<DeliveryOptions>;
  /** How many recent submission ids this instance remembers to answer retries without resending. */
  rememberIds?: number;
  now?: () => number;
  /** Sites with their own Braze workspace (workspaces.ts); the others use `client`. */
  siteClients?: SiteClients;
}

export function createDirectDelivery(client: BrazeClient, options: DirectDeliveryOptions = {}): Delivery {
  const ctx = createDeliverContext({ client, siteClients: options.siteClients, options: options.delivery, deltas: options.deltas, now: options.now });
  const remember = options.rememberIds ?? 10_000;
  const recent = new Map<string, Promise<DeliveryReceipt>>();
  /** What is left of a submission whose track part is done: sent instead of it when the id comes again. */
  const remainders = new Map<string, { submission: PreparedSubmission; attempts: number; enqueuedAt: number }>();

  async function deliver(submission: PreparedSubmission): Promise<DeliveryReceipt> {
    const left = remainders.get(submission.id);
    const entry = left ?? { submission, attempts: 0, enqueuedAt: ctx.now() };
    const [settlement] = await deliverEntries([entry], ctx);
    if (settlement?.kind === 'retry' && settlement.remaining) {
      remainders.set(submission.id, { submission: settlement.remaining, attempts: entry.attempts + (settlement.countsAsAttempt ? 1 : 0), enqueuedAt: entry.enqueuedAt });
      if (remainders.size > remember) remainders.delete(remainders.keys().next().value!);
    } else {
      remainders.delete(submission.id);
    }
    if (settlement?.kind === 'done') {
      const letter = settlement.deadLetter;
      if (letter && options.deadLetters) await options.deadLetters.add(letter);
      else if (letter) console.error(`inlet: Braze refused ${letter.errors.length} object(s) and ${letter.triggers?.length ?? 0} trigger(s) of submission ${submission.id}: ${letter.reason}`);
      if (settlement.dead && !options.deadLetters) {
        throw new DeliveryError('refused_by_braze', `Braze refused this sign-up: ${settlement.deadLetter?.reason ?? 'no reason given'}`);
      }
      return { status: 'accepted' };
    }
    const seconds = Math.max(1, Math.ceil((settlement?.delayMs ?? 30_000) / 1000));
    throw new DeliveryError('braze_unavailable', 'The sign-up could not be delivered right now; try again later.', seconds);
  }

  return {
    async submit(submission) {
      const earlier = recent.get(submission.id);
      if (earlier) {
        await earlier;
        ctx.stats.add('duplicates');
        return { status: 'duplicate' };
      }
      const attempt = deliver(submission);
      recent.set(submission.id, attempt);
      if (recent.size > remember) recent.delete(recent.keys().next().value!);
      try {
        const receipt = await attempt;
        ctx.stats.add('accepted');
        return receipt;
      } catch (error) {
        // Only a success is remembered: a failed attempt may be tried again with the same id.
        recent.delete(submission.id);
        throw error;
      }
    },
    async stats() {
      return ctx.stats.snapshot({
        queue: { depth: 0, oldestPendingAgeMs: null },
        deadLetters: options.deadLetters ? await options.deadLetters.count() : 0,
        health: ctx.pauses.health(),
      });
    },
    health: () => ctx.pauses.health(),
    deadLetters: options.deadLetters,
  };
}
