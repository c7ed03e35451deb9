/**
 * Storage seams of delivery, web-neutral: SQLite implements them on Node (proxy/adapters/node/), KV, D1 or
 * Queues on Workers. Every method is async so any backend fits.
 */
import type { UsersTrackBody, UsersTrackError } from '../braze/types.ts';
import type { PackLimits } from './pack.ts';
import type { Settlement } from './settlement.ts';
import type { MessagingTrigger, PreparedSubmission } from './types.ts';

/** A submission waiting in (or claimed from) an outbox. */
export interface OutboxEntry {
  submission: PreparedSubmission;
  /** Failed delivery attempts so far; pauses for a site-wide fault do not count. */
  attempts: number;
  enqueuedAt: number;
}

export interface ClaimOptions {
  now: number;
  /** Claim whole submissions, oldest first, until the next would not fit in one call under these limits. */
  limits: PackLimits;
  /** Sites whose delivery is paused: their rows stay where they are. */
  skipSites: readonly string[];
}

export interface OutboxDepth {
  /** Submissions not yet delivered or dead-lettered (claimed ones included). */
  pending: number;
  oldestPendingAt?: number;
}

export interface OutboxStore {
  /** Durable once resolved. `false` when this id was stored before: idempotency by submission id. */
  enqueue(submission: PreparedSubmission, now: number): Promise<boolean>;
  /**
   * Marks due submissions as in flight and returns them, oldest first; `more` when due ones were
   * left for lack of room. A submission waits while an older one of the same identity is still on
   * its way, so Braze sees one person's updates in order.
   */
  claim(options: ClaimOptions): Promise<{ entries: OutboxEntry[]; more: boolean }>;
  /** Records outcomes; refused objects go to the dead letters in the same write. */
  settle(settlements: readonly Settlement[], now: number): Promise<void>;
  /** Puts submissions claimed by a process that died back in line; call once at start-up. */
  recover(): Promise<number>;
  /** When the earliest waiting submission becomes due, if any. */
  nextDueAt(skipSites: readonly string[]): Promise<number | undefined>;
  depth(): Promise<OutboxDepth>;
}

/** Objects Braze refused for good, with its reasons. */
export interface DeadLetter {
  /** The submission's id: one dead letter per submission at a time. */
  id: string;
  site: string;
  identity: string;
  /** Only the refused objects. */
  body: UsersTrackBody;
  /** Braze's reasons, indexed into `body`; an object without its own entry shares `reason`. */
  errors: UsersTrackError[];
  reason: string;
  /** HTTP status of the answer that refused them (201 for per-object errors). */
  status: number;
  /**
   * Triggers not sent: refused by Braze, given up on, or held back because track objects of the
   * same submission were refused (a confirmation goes only to a profile Braze accepted). A replay
   * sends them once the objects in `body` are accepted.
   */
  triggers?: MessagingTrigger[];
  attempts: number;
  deadAt: number;
}

export interface DeadLetterStore {
  list(options?: { limit?: number; site?: string }): Promise<DeadLetter[]>;
  get(id: string): Promise<DeadLetter | undefined>;
  add(letter: DeadLetter): Promise<void>;
  /** Sends the refused objects again (back to the outbox); `false` when no such dead letter. */
  replay(id: string, now: number): Promise<boolean>;
  drop(id: string): Promise<boolean>;
  count(): Promise<number>;
}

/**
 * Hashes of attribute values already delivered, per identity, with a time to live.
 * Keys are hashes themselves, so the store holds no personal data.
 */
export interface DeltaStore {
  /**
   * The store's hash key (proxy/lifecycle/keyed-hash.ts): identity keys and value hashes are keyed
   * with it, so they cannot be matched against a list of emails without it. Unkeyed when absent.
   */
  readonly hashKey?: string;
  /** Unexpired hashes by attribute name. */
  get(identityKey: string, now: number): Promise<Record<string, string>>;
  /** Merges these hashes into the identity's record and sets their expiry. */
  put(identityKey: string, hashes: Record<string, string>, expiresAt: number): Promise<void>;
}
