/** Calls a sandbox the way Inlet's proxy does: web-standard requests, no socket. */
import { createSandbox, type Sandbox, type SandboxOptions } from '../../demo/sandbox/index.ts';

export const BASE = 'https://rest.iad-01.braze.com';
export const KEY = 'sandbox';

export interface Api {
  sandbox: Sandbox;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** POST and return status plus parsed body. */
  call(path: string, body: unknown): Promise<{ status: number; body: any }>;
  track(body: unknown): Promise<{ status: number; body: any }>;
  user(predicate: (u: ReturnType<Sandbox['users']>[number]) => boolean): ReturnType<Sandbox['users']>[number] | undefined;
}

export function api(options: Partial<SandboxOptions> = {}): Api {
  const sandbox = createSandbox({ startTime: Date.UTC(2026, 0, 1), ...options });
  const auth = { authorization: `Bearer ${KEY}` };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    sandbox.fetch(new Request(BASE + path, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }));
  const get = (path: string, headers: Record<string, string> = {}) => sandbox.fetch(new Request(BASE + path, { headers: { ...auth, ...headers } }));
  const call = async (path: string, body: unknown) => {
    const response = await post(path, body);
    return { status: response.status, body: await response.json() };
  };
  return {
    sandbox,
    post,
    get,
    call,
    track: (body) => call('/users/track', body),
    user: (predicate) => sandbox.users().find(predicate),
  };
}

export const NOW = '2026-01-01T00:00:00.000Z';
export const MISSING_ID = "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required";
export const BAD_EMAIL = "The value provided for the 'email' field is not a valid email.";
export const NO_VALID_DATA = "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.";
