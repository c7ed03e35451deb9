/** Inlet proxy: the public surface. Runtime adapters live in `proxy/adapters/`. */
export { createHandler, type Handler } from './handler.ts';
export type { ProxyOptions, BrazeConnection } from './options.ts';
export { parseConfig, ConfigError, type InletConfig } from './config/inlet-config.ts';
export type { FormConfig, PublishedForm, Field, Step } from './config/form-schema.ts';
export type { SiteConfig } from './config/site-schema.ts';
export type { SubmissionInput } from './submission/envelope.ts';
export { HttpError, type ErrorCode, type FieldErrors, type FieldIssue } from './errors.ts';
export { createBrazeClient, type BrazeClient, type TrackOutcome } from './braze/client.ts';
export type { Delivery, PreparedSubmission, DeliveryReceipt } from './delivery/types.ts';
