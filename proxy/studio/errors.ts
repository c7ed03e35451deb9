/** The studio's errors as typed data: a stable `code`, a message for people, optional details. */
export type StudioErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'origin_not_allowed'
  | 'rate_limited'
  | 'not_found'
  | 'invalid_request'
  | 'invalid_form'
  | 'conflict'
  | 'publish_refused'
  | 'form_exists';

export class StudioError extends Error {
  readonly status: number;
  readonly code: StudioErrorCode;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(status: number, code: StudioErrorCode, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }

  toResponse(): Response {
    return Response.json({ error: this.code, message: this.message, ...this.extra }, { status: this.status, headers: { 'cache-control': 'no-store', ...this.headers } });
  }
}
