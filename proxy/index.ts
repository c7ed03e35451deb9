/** Inlet proxy: the public surface. Runtime adapters live in `proxy/adapters/`. */
export { createHandler, type Handler } from './handler.ts';
export type { ProxyOptions, BrazeConnection } from './options.ts';
export { parseConfig, ConfigError, type InletConfig } from './config/inlet-config.ts';
export type { FormConfig, PublishedForm, Field, Step } from './config/form-schema.ts';
export type { SiteConfig, SiteConfigInput } from './config/site-schema.ts';
export type { SubmissionInput } from './submission/envelope.ts';
export { formJsonSchema } from './config/json-schema.ts';
export { prepareSubmission, type PrepareInput, type Prepared, type EdgeInfo } from './submission/prepare.ts';
export { decideConsent, type ConsentDecision } from './consent/rules.ts';
export { verifyExternalId } from './identity/external-id.ts';
export { isAdminToken } from './security/admin-token.ts';
export { createSubmissionRoute, type SubmissionRoute, type SubmissionStats } from './routes/submissions.ts';
export { checkBraze, type CheckReport } from './cli/braze-check.ts';
export { HttpError, type ErrorCode, type FieldCode, type FieldErrors, type FieldIssue } from './errors.ts';
export { createBrazeClient, type BrazeClient, type TrackOutcome } from './braze/client.ts';
export type { Delivery, PreparedSubmission, DeliveryReceipt, MessagingTrigger } from './delivery/types.ts';
export {
  createDirectDelivery,
  createOutboxDelivery,
  createOutboxWorker,
  createDeliverContext,
  deliverEntries,
  packBatches,
  sendBatch,
  type DeadLetter,
  type DeadLetterStore,
  type DeltaStore,
  type OutboxStore,
  type StatsSnapshot,
} from './delivery/index.ts';
