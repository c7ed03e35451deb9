/** Public entry of the Braze sandbox: a local stand-in for the parts of the Braze REST API Inlet uses. */
export { createSandbox, type Sandbox, type SandboxSnapshot } from './sandbox.ts';
export {
  DEFAULTS,
  PERMISSIONS,
  SANDBOX_EMAIL_GROUP,
  SANDBOX_SMS_GROUP,
  type AttributeDefinition,
  type Permission,
  type RateFamily,
  type RateLimit,
  type SandboxOptions,
  type SubscriptionGroup,
} from './options.ts';
export { FAULT_STATUSES, type FaultOutcome, type Faults, type FaultSettings } from './faults.ts';
export type { Clock } from './clock.ts';
export type { LoggedRequest } from './request-log.ts';
export type { DataPointsView, UserView } from './views.ts';
export { OBJECT_ERRORS, type ObjectError } from './object-errors.ts';
