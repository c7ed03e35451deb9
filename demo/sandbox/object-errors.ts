/**
 * Per-object error codes of braze-api.md §2.5 with the descriptive text sent as `type`.
 * Two texts were observed verbatim [3P]; the rest follow their style (UNCERTAIN, see `errorTypes`).
 */
export const OBJECT_ERRORS = {
  MISSING_IDENTIFIER: "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required",
  EMAIL_BAD_FORMAT: "The value provided for the 'email' field is not a valid email.",
  PHONE_BAD_FORMAT: "The value provided for the 'phone' field is not a valid phone number.",
  MULTIPLE_IDENTIFIERS: "Only one of 'external_id', 'braze_id' or 'user_alias' may be provided; use /users/alias/new to add an alias to a user.",
  BAD_USER_ALIAS: "'user_alias' must be an object with string 'alias_name' and 'alias_label'.",
  BAD_EXTERNAL_USER_ID: "'external_id' must be a string.",
  EXTERNAL_USER_ID_TOO_LARGE: "'external_id' must be 987 bytes or fewer.",
  BLACKLISTED_EXTERNAL_USER_ID: 'provided external_id is blacklisted and disallowed',
  BAD_EMAIL_SUBSCRIPTION_STATE: "'email_subscribe' must be one of 'opted_in', 'subscribed' or 'unsubscribed'.",
  BAD_PUSH_SUBSCRIPTION_STATE: "'push_subscribe' must be one of 'opted_in', 'subscribed' or 'unsubscribed'.",
  BAD_SUBSCRIPTION_GROUP_ARRAY: "'subscription_groups' must be an array.",
  BAD_SUBSCRIPTION_GROUP_HASH: "Each 'subscription_groups' item needs 'subscription_group_id' and 'subscription_state'.",
  BAD_SUBSCRIPTION_GROUP_ID: "'subscription_group_id' is not a valid subscription group id.",
  BAD_SUBSCRIPTION_GROUP_STATE: "'subscription_state' must be 'subscribed' or 'unsubscribed'.",
  BAD_LOCATION_UPDATE: "'current_location' must be an object with numeric 'longitude' and 'latitude'.",
  BAD_GENDER: "The value provided for the 'gender' field must be one of M, F, O, N, P or null.",
  BAD_DOB: "The value provided for the 'dob' field must be a date as YYYY-MM-DD.",
  BAD_STANDARD_STRING: 'A standard attribute expects a string value.',
  BAD_EVENT: "An event needs a non-empty 'name' and an ISO-8601 'time'.",
  BAD_EVENT_PROPERTIES: "Event 'properties' must be an object whose names are 1–255 characters, do not start with '$' and are not 'time' or 'event_name'; string values are 255 characters or fewer.",
  BAD_PURCHASE: "A purchase needs 'product_id', a 3-letter 'currency', a numeric 'price', an ISO-8601 'time' and a 'quantity' of 100 or less.",
  NOT_AN_OBJECT: 'Each item must be a JSON object.',
} as const;
export type ObjectErrorCode = keyof typeof OBJECT_ERRORS;

export type InputArray = 'attributes' | 'events' | 'purchases';
export interface ObjectError {
  type: string;
  input_array: InputArray;
  index: number;
}

export function errorType(code: ObjectErrorCode, style: 'text' | 'code'): string {
  return style === 'code' ? code : OBJECT_ERRORS[code];
}
