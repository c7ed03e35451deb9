/**
 * Errors as typed data: a stable `code` for programs, a `message` for people, and a status.
 * Every answer the proxy gives to a browser that is not a success goes through `HttpError`.
 */
export type ErrorCode =
  | 'not_found'
  | 'method_not_allowed'
  | 'unknown_site'
  | 'unknown_form'
  | 'origin_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'invalid_json'
  | 'forbidden_key'
  | 'invalid_submission'
  | 'invalid_request'
  | 'invalid_events'
  | 'invalid_filter'
  | 'rate_limited'
  | 'unauthorized'
  | 'forbidden'
  | 'not_configured'
  | 'upstream_unavailable'
  | 'delivery_paused'
  | 'internal_error';

/**
 * Every code a field issue can carry: the widget translates each one in every built-in language
 * (test/widget/ui-i18n.test.ts fails on a code without a text), so add new codes here first.
 */
export const FIELD_CODES = [
  'required',
  'invalid_type',
  'invalid_email',
  'invalid_text',
  'invalid_phone',
  'invalid_country',
  'invalid_number',
  'invalid_date',
  'invalid_option',
  'invalid_gender',
  'invalid_language',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'not_integer',
  'too_few',
  'too_many',
  'consent_required',
  'email_or_phone_required',
  'identity_required',
  'phone_required_for_sms',
  'email_required_for_email',
  'unknown_field',
  'invalid_envelope',
  'invalid_step',
  'turnstile_failed',
  'continuation_required',
  'invalid_continuation',
  'expired_continuation',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

export interface FieldIssue {
  /** Stable machine code the widget translates, e.g. `required`, `invalid_email`. */
  code: FieldCode;
  /** English text for API clients and logs; the widget shows its own translation of `code`. */
  message: string;
}

export type FieldErrors = Record<string, FieldIssue[]>;

export class HttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly headers?: Record<string, string>;

  constructor(status: number, code: ErrorCode, message: string, extra: { fields?: FieldErrors; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.headers = extra.headers;
  }

  toResponse(): Response {
    const body: Record<string, unknown> = { error: this.code, message: this.message };
    if (this.fields) body.fields = this.fields;
    return Response.json(body, { status: this.status, headers: this.headers });
  }
}
