/**
 * What a form field may write to in Braze: standard profile fields (braze-api.md §3) and the custom
 * attribute types Inlet supports (strings, numbers, booleans, dates, string arrays: docs/consent.md, "Consent rules",
 * rule 7). Shared by config checks, mapping and `check`.
 */
import type { Field } from './form-schema.ts';

/** Custom attribute types a site may declare. Objects and arrays of objects are refused on purpose. */
export const CUSTOM_TYPES = ['string', 'number', 'boolean', 'date', 'string[]'] as const;
export type CustomType = (typeof CUSTOM_TYPES)[number];

/** Standard attributes a generic field may write, with the value type each expects. */
export const STANDARD_ATTRIBUTES: Readonly<Record<string, CustomType>> = {
  first_name: 'string',
  last_name: 'string',
  home_city: 'string',
  dob: 'date',
};

/** Standard attributes written only by their own field type, so their format is always right. */
export const DEDICATED_ATTRIBUTES: Readonly<Record<string, Field['type']>> = {
  email: 'email',
  phone: 'phone',
  language: 'language',
  gender: 'gender',
  country: 'country',
};

/** Names Braze reserves for identifiers, subscription state and other profile machinery. */
export const RESERVED_ATTRIBUTES = new Set([
  'external_id', 'user_alias', 'braze_id', 'user_aliases', 'subscription_groups', 'email_subscribe', 'push_subscribe',
  'push_tokens', 'current_location', 'time_zone', 'image_url', 'facebook', 'twitter', 'date_of_first_session',
  'date_of_last_session', 'marked_email_as_spam_at', 'email_open_tracking_disabled', 'email_click_tracking_disabled',
  'update_existing_only', '_update_existing_only', '_merge_objects', 'push_token_import', 'bio', 'attribution_data',
]);

/** The custom type a field's value has, for the field types that map to an attribute. */
export const FIELD_VALUE_TYPE: Partial<Record<Field['type'], CustomType>> = {
  text: 'string',
  choice: 'string',
  hidden: 'string',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  choices: 'string[]',
};

/** Braze's `data_type` for each Inlet type, as `GET /custom_attributes` reports it (braze-api.md §5). */
export const BRAZE_DATA_TYPE: Readonly<Record<CustomType, string>> = {
  string: 'String',
  number: 'Number',
  boolean: 'Boolean',
  date: 'Time',
  'string[]': 'Array',
};

/** Attributes written from visitor context (site `context` setting) and their types. */
export const CONTEXT_ATTRIBUTES = {
  utm: { utm_source: 'string', utm_medium: 'string', utm_campaign: 'string', utm_term: 'string', utm_content: 'string' },
  landing_page: { landing_page: 'string' },
  referrer: { referrer: 'string' },
  visits: { visit_count: 'number' },
  pages_per_session: { pages_per_session: 'number' },
} as const satisfies Record<string, Record<string, CustomType>>;
export type ContextKey = keyof typeof CONTEXT_ATTRIBUTES;
export const CONTEXT_KEYS = Object.keys(CONTEXT_ATTRIBUTES) as ContextKey[];
