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
  | 'invalid_submission'
  | 'invalid_events'
  | 'invalid_filter'
  | 'rate_limited'
  | 'unauthorized'
  | 'upstream_unavailable'
  | 'delivery_paused'
  | 'internal_error';

export interface FieldIssue {
  /** Stable machine code the widget can translate, e.g. `required`, `invalid_email`. */
  code: string;
  /** English text, shown as is when the widget has no translation for `code`. */
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
