/**
 * The Queues consumer: one delivery round per batch with the shared delivery code (deltas, packing
 * into calls of ≤ 75 objects, retry classification, per-object dead letters), then per message:
 * delivered or dead-lettered → `ack`; retryable → `retry({ delaySeconds })`, which Queues counts
 * toward `max_retries` before moving the message to the dead-letter queue; a paused site (401/403)
 * → the message goes back on the queue as a fresh one, so a configuration fault never uses up retries.
 * Messages arriving on the dead-letter queue are recorded as dead letters, replayable.
 *
 * Email double opt-in triggers are sent by `deliverEntries` after the track objects. When only the
 * trigger failed, the settlement carries the `remaining` submission (no track objects): it goes
 * back on the queue as a new message and the original is acked, so a retry never sends the track
 * objects (and their consent event) twice. The new message carries the attempt count and first
 * enqueue time, so backoff and giving up continue where they were.
 */
import { createBrazeClient } from '../../braze/client.ts';
import { createDeliverContext, deliverEntries, everyObject, letterOf, type DeliverContext } from '../../delivery/deliver.ts';
import type { Settlement } from '../../delivery/settlement.ts';
import type { DeadLetter, OutboxEntry } from '../../delivery/stores.ts';
import type { PreparedSubmission } from '../../delivery/types.ts';
import { requireBraze } from '../../settings.ts';
import { parseConfig } from '../../config/inlet-config.ts';
import { siteClients, type SiteClients } from '../../delivery/workspaces.ts';
import { publishedHandlers, type Published } from './published-config.ts';
import { workerSettings, type WorkerEnv } from './env.ts';
import { kvDeadLetterStore } from './kv-dead-letters.ts';
import { kvDeltaStore } from './kv-delta-store.ts';
import { workerHashKey } from './lifecycle.ts';
import type { ExecutionContext, KVNamespace, Message, MessageBatch, Queue } from './cf.ts';

/** Queues accept delays up to 12 hours. */
const MAX_DELAY_SECONDS = 12 * 3600;
/** How long a delivered submission id is remembered, so a resubmitted one is not delivered twice. */
const DELIVERED_TTL_SECONDS = 7 * 24 * 3600;

export const isDeadLetterQueue = (name: string) => name.endsWith('-dlq');

/** A queued submission; `carried` is set on one put back by the consumer itself. */
export type QueuedSubmission = PreparedSubmission & { carried?: { attempts: number; enqueuedAt: number } };

// One context per isolate (limiter, pauses and stats live in memory), rebuilt if the Braze settings,
// the hash key or the published config (which names sites' own workspaces) change.
let cached: { key: string; sites: SiteClients; ctx: DeliverContext } | undefined;
// Built for one bindings record (fixed for an isolate's life): `env:` keys resolve from it.
let published: { env: WorkerEnv; config: Published<SiteClients> } | undefined;

async function deliverContext(env: WorkerEnv, hashKey: string | undefined): Promise<DeliverContext> {
  const settings = workerSettings(env);
  const braze = requireBraze(settings);
  if (published?.env !== env) published = { env, config: publishedHandlers((config) => siteClients(parseConfig(config, { env: settings.env }).sites, createBrazeClient)) };
  // No config published: the fetch side accepts nothing either, so no site can name a workspace yet.
  const sites = await published.config.current(env, settings).catch((): SiteClients => new Map());
  const key = `${braze.endpoint}\n${braze.apiKey}\n${hashKey}`;
  if (cached?.key !== key || cached.sites !== sites) {
    cached = { key, sites, ctx: createDeliverContext({ client: createBrazeClient(braze), siteClients: sites, deltas: env.DELTAS ? kvDeltaStore(env.DELTAS, 'delta:', hashKey) : undefined }) };
  }
  return cached.ctx;
}

export async function consumeBatch(batch: MessageBatch, env: WorkerEnv): Promise<void> {
  const deadLetters = env.DEAD_LETTERS ? kvDeadLetterStore(env.DEAD_LETTERS, (s) => env.QUEUE!.send(s, { contentType: 'json' }).then(() => {})) : undefined;
  const record = async (letter: DeadLetter) => {
    if (deadLetters) await deadLetters.add(letter);
    else console.error(`inlet: dead letter for submission ${letter.id} (${letter.reason}); bind DEAD_LETTERS to keep it`);
  };
  const messages = batch.messages as readonly Message<QueuedSubmission>[];
  if (isDeadLetterQueue(batch.queue)) {
    for (const message of messages) {
      await record(exhausted(message));
      message.ack();
    }
    return;
  }

  const ctx = await deliverContext(env, await workerHashKey(env));
  const fresh = await withoutDuplicates(messages, env.DELTAS);
  const entries: OutboxEntry[] = fresh.map(entryOf);
  const settlements = await deliverEntries(entries, ctx);
  await Promise.all(fresh.map((message, i) => apply(message, entries[i]!, settlements[i]!, env, record)));
}

function entryOf(message: Message<QueuedSubmission>): OutboxEntry {
  const { carried, ...submission } = message.body;
  return { submission, attempts: (carried?.attempts ?? 0) + message.attempts - 1, enqueuedAt: carried?.enqueuedAt ?? message.timestamp.getTime() };
}

async function apply(message: Message<QueuedSubmission>, entry: OutboxEntry, settlement: Settlement, env: WorkerEnv, record: (letter: DeadLetter) => Promise<void>): Promise<void> {
  if (settlement.kind === 'retry') {
    const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.ceil(settlement.delayMs / 1000));
    if ((settlement.remaining || !settlement.countsAsAttempt) && env.QUEUE) {
      const carried = { attempts: entry.attempts + (settlement.countsAsAttempt ? 1 : 0), enqueuedAt: entry.enqueuedAt };
      try {
        await (env.QUEUE as Queue<QueuedSubmission>).send({ ...(settlement.remaining ?? entry.submission), carried }, { contentType: 'json', delaySeconds });
        return message.ack();
      } catch {
        // Falls through to an ordinary retry of the whole message: better a counted attempt, or a
        // repeated track call (its events carry `submission_id`), than a lost submission or confirmation.
        if (settlement.remaining) console.error(`inlet: could not queue the trigger of submission ${entry.submission.id} on its own; retrying the whole submission`);
      }
    }
    return message.retry({ delaySeconds });
  }
  try {
    if (settlement.deadLetter) await record(settlement.deadLetter);
    await env.DELTAS?.put(deliveredKey(message.body.id), '1', { expirationTtl: DELIVERED_TTL_SECONDS });
  } catch (error) {
    console.error('inlet: could not record the outcome of a delivery; it will be retried', error instanceof Error ? error.name : typeof error);
    return message.retry({ delaySeconds: 30 });
  }
  message.ack();
}

const deliveredKey = (id: string) => `delivered:${id}`;

/** Acks resubmissions of an id already delivered, and repeats of one id within the batch. */
async function withoutDuplicates(messages: readonly Message<QueuedSubmission>[], kv: KVNamespace | undefined): Promise<Message<QueuedSubmission>[]> {
  const seen = new Set<string>();
  const delivered = kv ? await Promise.all(messages.map((m) => kv.get(deliveredKey(m.body.id)))) : [];
  return messages.filter((message, i) => {
    if (seen.has(message.body.id) || delivered[i]) {
      message.ack();
      return false;
    }
    seen.add(message.body.id);
    return true;
  });
}

/**
 * A message whose retries ran out: all its objects become one dead letter, made the one way every
 * runtime makes them (`letterOf`, delivery/deliver.ts), as if its last attempt had failed for good.
 */
function exhausted(message: Message<QueuedSubmission>): DeadLetter {
  const entry = entryOf(message);
  const reason = 'retries exhausted on the submissions queue (max_retries in wrangler.toml)';
  const { submission } = entry;
  return letterOf(entry, { ...everyObject(submission, reason), reason, status: 0, triggers: submission.triggers }, Date.now(), 'all').deadLetter!;
}
