/** Every knob of the sandbox, with defaults that follow braze-api.md. */
import type { FaultSettings } from './faults.ts';

/** Permission names from braze-api.md §1. */
export const PERMISSIONS = [
  'users.track',
  'users.alias.new',
  'users.identify',
  'subscription.status.set',
  'subscription.status.get',
  'subscription.groups.get',
  'custom_attributes.get',
  'campaigns.trigger.send',
  'canvas.trigger.send',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Rate-limit families: endpoints in one family share one counter (§2.4). */
export type RateFamily = 'users.track' | 'subscription.set' | 'users.identity' | 'export' | 'default';
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export type Channel = 'email' | 'sms';
export interface SubscriptionGroup {
  id: string;
  name: string;
  channel: Channel;
}

/** Built-in email group, so a demo config works without a Braze workspace. */
export const SANDBOX_EMAIL_GROUP = '4f1c0a6e-8b2d-4c3e-9a51-6d2e7f8a9b01';
/** Built-in SMS group. */
export const SANDBOX_SMS_GROUP = '7a3e5c2b-1d4f-4e6a-8b9c-0f1e2d3c4b5a';

export type AttributeType = 'String' | 'Number' | 'Boolean' | 'Time' | 'Array' | 'Object' | 'Object Array';
export interface AttributeDefinition {
  name: string;
  data_type: AttributeType;
  description?: string;
  /** `Blocklisted` attributes are accepted on the wire and never stored (§5, §8). */
  status?: 'Active' | 'Blocklisted';
  tag_names?: string[];
}

export interface SandboxOptions {
  /** Key holding every permission. */
  apiKey: string;
  /** Extra keys and what each may call; a key without a permission gets 403 (§1). */
  keys: Record<string, readonly Permission[]>;
  /** `combined`: 75 objects across all arrays; `legacy`: 75 per array (§2.4, case 9). */
  limitMode: 'combined' | 'legacy';
  /** Objects allowed per unit of `limitMode`. */
  maxObjects: number;
  /** Body limit in bytes; larger bodies get 413 (§2.4). */
  maxBodyBytes: number;
  rateLimits: Partial<Record<RateFamily, RateLimit>>;
  /** `epoch`: `x-ratelimit-reset` is a UTC epoch in seconds; `seconds`: seconds remaining (§2.4 UNCERTAIN). */
  rateLimitReset: 'epoch' | 'seconds';
  /** Unknown custom attributes are created with an inferred type; `false` drops them. */
  autoCreateAttributes: boolean;
  /** Attributes that exist before the first request (types fixed as if set in the dashboard). */
  attributeSchema: AttributeDefinition[];
  /** Oldest entries are dropped beyond this length (§3: 500, UNCERTAIN against the older 25/100). */
  maxArrayLength: number;
  subscriptionGroups: SubscriptionGroup[];
  /**
   * A well-formed UUID naming no configured group. `accept` stores it as the async `/users/track` would
   * (UNCERTAIN: Braze does not document a check); `reject` answers BAD_SUBSCRIPTION_GROUP_ID.
   */
  unknownGroups: 'accept' | 'reject';
  /** `type` of per-object errors: descriptive `text` as observed [3P], or the documented `code` (§2.5 UNCERTAIN). */
  errorTypes: 'text' | 'code';
  /** An invalid field (e.g. `email_subscribe: "yes"`) drops only that field, or its whole object (§9.21 UNCERTAIN). */
  invalidField: 'drop-field' | 'drop-object';
  /** Strings over 255 characters: not applied (`drop`), or cut like the SDKs do (`truncate`) (§3 UNCERTAIN). */
  longStrings: 'drop' | 'truncate';
  /** Whether `_update_existing_only: true` also stops creation by email or phone (§2.3 UNCERTAIN). */
  updateOnlyBlocksEmailCreation: boolean;
  /** External ids Braze refuses as dummies (§2.2 BLACKLISTED_EXTERNAL_USER_ID). */
  blockedExternalIds: string[];
  /** `Link` header targets: absolute URLs or paths (§5 UNCERTAIN). */
  linkStyle: 'absolute' | 'relative';
  /** Custom events and purchases cost a data point each (Braze "data points" definition). */
  billEvents: boolean;
  faults: FaultSettings;
  /** Seed of the fault generator; the same seed replays the same faults. */
  seed: number;
  /** Start of the simulated clock in ms; when set the clock stands still except for `advance()`. */
  startTime: number | undefined;
  /** Requests kept in the request log. */
  maxLoggedRequests: number;
  /** JSON file the Node entry loads at start and saves after each change; the core ignores it. */
  persistPath: string | undefined;
  /**
   * `false` answers `/_sandbox/*` like Braze does (404 through the API path), so tools can be tried
   * against an instance that, like the real one, lists no subscription groups.
   */
  inspection: boolean;
}

export const DEFAULT_RATE_LIMITS: Record<RateFamily, RateLimit> = {
  'users.track': { limit: 3_000, windowMs: 3_000 },
  'subscription.set': { limit: 5_000, windowMs: 60_000 },
  'users.identity': { limit: 20_000, windowMs: 60_000 },
  export: { limit: 1_000, windowMs: 3_600_000 },
  default: { limit: 250_000, windowMs: 3_600_000 },
};

export const DEFAULTS: SandboxOptions = {
  apiKey: 'sandbox',
  keys: {},
  limitMode: 'combined',
  maxObjects: 75,
  maxBodyBytes: 4 * 1024 * 1024,
  rateLimits: {},
  rateLimitReset: 'epoch',
  autoCreateAttributes: true,
  attributeSchema: [],
  maxArrayLength: 500,
  subscriptionGroups: [
    { id: SANDBOX_EMAIL_GROUP, name: 'Sandbox newsletter', channel: 'email' },
    { id: SANDBOX_SMS_GROUP, name: 'Sandbox SMS offers', channel: 'sms' },
  ],
  unknownGroups: 'accept',
  errorTypes: 'text',
  invalidField: 'drop-field',
  longStrings: 'drop',
  updateOnlyBlocksEmailCreation: true,
  blockedExternalIds: ['null', 'undefined', 'none', 'nil', 'n/a', '0', '-1', 'unknown', 'anonymous', 'guest'],
  linkStyle: 'absolute',
  billEvents: true,
  faults: {},
  seed: 1,
  startTime: undefined,
  maxLoggedRequests: 1_000,
  persistPath: undefined,
  inspection: true,
};

export function resolveOptions(options: Partial<SandboxOptions> = {}): SandboxOptions {
  return { ...DEFAULTS, ...options } satisfies SandboxOptions;
}
