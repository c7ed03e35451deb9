/**
 * Delivery, runtime-neutral: everything a durable runtime needs to take accepted submissions to
 * Braze. The SQLite outbox (proxy/adapters/node/) and the Cloudflare Queues consumer are built from these.
 */
export type { Delivery, DeliveryHealth, DeliveryReceipt, MessagingTrigger, PreparedSubmission } from './types.ts';
export type { ClaimOptions, DeadLetter, DeadLetterStore, DeltaStore, OutboxDepth, OutboxEntry, OutboxStore } from './stores.ts';
export type { Settlement } from './settlement.ts';
export { BRAZE_LIMITS, bodyOf, countsOf, fits, INPUT_ARRAYS, isFull, objectCount, packBatches, partOf, type Batch, type Counts, type BatchPart, type InputArray, type LimitMode, type PackLimits } from './pack.ts';
export { sendBatch, type PartOutcome, type RefusedObject, type SendDeps } from './send-batch.ts';
export { EMAIL_PRIORITIZATION, MAX_RECIPIENTS, sendTriggers, type CanvasPropertiesField, type TriggerDeps, type TriggerOutcome } from './triggers.ts';
export { backoffMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
export { createLimiter, type Limiter, type LimiterOptions } from './limiter.ts';
export { canonical, planDelta, rememberDelivered, type DeltaPlan } from './delta.ts';
export { attributePoints, bodyPoints } from './data-points.ts';
export { COUNTERS, createStats, type Counter, type Stats, type StatsSnapshot } from './stats.ts';
export { createPauseBoard, type PauseBoard } from './pauses.ts';
export {
  createDeliverContext,
  deliverEntries,
  DELIVERY_DEFAULTS,
  triggerPauseKey,
  type DeliverContext,
  type DeliverContextInput,
  type DeliveryOptions,
} from './deliver.ts';
export { createOutboxWorker, WORKER_DEFAULTS, type OutboxWorker, type OutboxWorkerOptions } from './outbox-worker.ts';
export { createOutboxDelivery } from './outbox.ts';
export { createDirectDelivery, type DirectDeliveryOptions } from './direct.ts';
export { createMemoryDeltaStore } from './memory-delta-store.ts';
