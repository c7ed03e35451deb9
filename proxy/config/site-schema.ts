/**
 * The site config: server-only. Never sent to a browser. Subscription group ids and attribute
 * types live here, so nothing a browser sends can choose them.
 */
import * as z from 'zod';
import { CONTEXT_KEYS, CUSTOM_TYPES, DEDICATED_ATTRIBUTES, RESERVED_ATTRIBUTES, STANDARD_ATTRIBUTES } from './braze-attributes.ts';
import { SecretRef } from './secret.ts';
import { SiteOffers } from './offer-schema.ts';

const Uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a subscription group id is a UUID; copy it from Braze › Audience › Subscriptions');

const BrazeId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'copy the id from the Canvas or Campaign details page in Braze');

const TurnstileSiteKey = z
  .string({ error: 'add the Turnstile site key (public, e.g. "0x4AAAAAAA…") from Cloudflare › Turnstile; the widget needs it to show the check' })
  .regex(/^[\w-]{8,128}$/, 'the Turnstile site key is the public key (e.g. "0x4AAAAAAA…") written as is, not an "env:" reference: it is published to browsers');

const UNSUPPORTED_TYPES = new Set(['object', 'object[]', 'array of objects']);

export const AttributeSpec = z
  .object({
    /** `string` (≤ 255 characters), `number`, `boolean`, `date` or `string[]`. */
    type: z.string(),
    /** For `string[]`: `add` merges the chosen values into the profile's array, `replace` overwrites it. */
    mode: z.enum(['add', 'replace']).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (UNSUPPORTED_TYPES.has(spec.type)) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `"${spec.type}" attributes are not supported: Inlet writes strings, numbers, booleans, dates and string arrays only; store each value in its own attribute instead`,
      });
    } else if (!(CUSTOM_TYPES as readonly string[]).includes(spec.type)) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: `unknown type "${spec.type}"; use one of ${CUSTOM_TYPES.map((t) => `"${t}"`).join(', ')}` });
    }
    if (spec.mode !== undefined && spec.type !== 'string[]') {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: '"mode" applies to "string[]" attributes only; remove it' });
    }
  });
export type AttributeSpec = z.infer<typeof AttributeSpec>;

/** Attribute names checked here rather than as record keys, so each message reaches the author intact. */
function checkAttributeNames(attributes: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const name of Object.keys(attributes)) {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
    if (!/^[A-Za-z0-9_][A-Za-z0-9_ .-]{0,254}$/.test(name)) fail('attribute names are up to 255 letters, digits, "_", "-", "." or spaces');
    else if (name in STANDARD_ATTRIBUTES || name in DEDICATED_ATTRIBUTES) fail('this is a Braze standard attribute, not a custom one; map a field to it without declaring it here');
    else if (RESERVED_ATTRIBUTES.has(name)) fail('Braze reserves this name; pick another attribute name');
  }
}

const Consent = z
  .object({
    /** `implicit`: a submitted email joins the email group unless the form shows an email consent box. `explicit`: every form collecting an email must show one. */
    email: z.enum(['implicit', 'explicit']).default('implicit'),
    /** Same for phones and the SMS group (docs/consent.md, "Consent rules"). */
    sms: z.enum(['implicit', 'explicit']).default('implicit'),
    /** Send SMS subscriptions with `use_double_opt_in_logic`: Braze texts a confirmation first. */
    smsDoubleOptIn: z.boolean().default(false),
    /** Email double opt-in: the email group is left to this Canvas or Campaign, which sends the confirmation. */
    emailDoubleOptIn: z
      .union([z.object({ canvasId: BrazeId }).strict(), z.object({ campaignId: BrazeId }).strict()], {
        error: 'give exactly one of { "canvasId": "…" } or { "campaignId": "…" }',
      })
      .optional(),
  })
  .strict();

/**
 * A site's own Braze workspace (a test and a production workspace side by side, or several brands):
 * its REST endpoint and its key as `"env:NAME"`. Sites without one deliver to BRAZE_REST_ENDPOINT.
 */
const Workspace = z
  .object({
    endpoint: z.string().regex(/^https?:\/\/[^\s/?#]+\/?$/, 'the REST endpoint of the Braze instance, e.g. "https://rest.fra-01.braze.eu" (Braze › Settings › APIs and Identifiers)'),
    apiKey: z.string({ error: 'add the workspace\'s REST API key as "env:NAME" and set NAME in the environment' }).pipe(SecretRef),
  })
  .strict();

export const SiteConfig = z
  .object({
    /** Origins allowed to call the API: exact (`https://shop.example.com`) or wildcard subdomains (`https://*.example.com`). */
    origins: z.array(z.string().regex(/^(https?:\/\/(\*\.)?[^/\s*]+|\*)$/, 'an origin is scheme://host[:port] with no path, e.g. "https://shop.example.com"')).min(1),
    /** Braze subscription groups a sign-up may join. Without one, that address is stored with no consent. */
    subscriptionGroups: z.object({ email: Uuid.optional(), sms: Uuid.optional() }).strict().default({}),
    consent: Consent.default({ email: 'implicit', sms: 'implicit', smsDoubleOptIn: false }),
    /** Lets the site's backend vouch for a logged-in visitor's external_id (docs/identity.md, "Identity and signing"). */
    identity: z.object({ signingSecret: SecretRef }).strict().optional(),
    /** Name of the proof-of-consent custom event sent with every submission. */
    event: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_ .:-]{0,254}$/, 'event names are up to 255 letters, digits, "_", "-", ".", ":" or spaces, not starting with "$"')
      .default('inlet_signup'),
    /** Custom attributes forms may write, with their Braze types. */
    attributes: z.record(z.string(), AttributeSpec).superRefine(checkAttributeNames).default({}),
    /** Visitor context written as custom attributes on the first step of each sign-up. */
    context: z.array(z.enum(CONTEXT_KEYS, { error: `use any of ${CONTEXT_KEYS.map((k) => `"${k}"`).join(', ')}` })).default([]),
    botProtection: z
      .object({
        /** Drop submissions whose hidden honeypot field is filled. */
        honeypot: z.boolean().default(true),
        /** Drop first steps submitted faster than this after the form appeared. */
        minFillMs: z.number().int().min(0).max(60_000).default(800),
        /** Cloudflare Turnstile on first steps: both keys come from Cloudflare › Turnstile › the widget's settings. */
        turnstile: z
          .object({
            /** Public: published with the forms so the widget can show the check. */
            siteKey: TurnstileSiteKey,
            /** Server-only: the proxy verifies each token with it. */
            secretKey: z.string({ error: 'add the Turnstile secret key as "env:NAME" and set NAME to the secret from Cloudflare › Turnstile' }).pipe(SecretRef),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({ honeypot: true, minFillMs: 800 }),
    rateLimit: z
      .object({
        perIpPerMinute: z.number().int().min(1).max(100_000).default(20),
        perSitePerMinute: z.number().int().min(1).max(10_000_000).optional(),
      })
      .strict()
      .default({ perIpPerMinute: 20 }),
    /** Code pools and claim limits (docs/offers.md). */
    offers: SiteOffers.optional(),
    /** Token for the admin routes, compared in constant time. */
    adminToken: SecretRef.optional(),
    /** This site's own Braze workspace (docs/configuration.md, "Braze workspaces"); omit to use the deployment's. */
    braze: Workspace.optional(),
  })
  .strict();
export type SiteConfig = z.output<typeof SiteConfig>;
export type SiteConfigInput = z.input<typeof SiteConfig>;
