/** Shared fixtures for delivery tests: the real Braze sandbox in-process, prepared submissions, temp files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../demo/sandbox/index.ts';
import type { PreparedSubmission } from '../../proxy/delivery/index.ts';

export const API_KEY = 'delivery-test-key';
export const ENDPOINT = 'https://rest.sandbox.braze.test';

export function sandboxFor(options: Partial<SandboxOptions> = {}): { sandbox: Sandbox; fetch: typeof fetch } {
  const sandbox = createSandbox({ apiKey: API_KEY, maxLoggedRequests: 100_000, ...options });
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => sandbox.fetch(new Request(input, init))) as typeof globalThis.fetch;
  return { sandbox, fetch };
}

export const trackCalls = (sandbox: Sandbox) => sandbox.requests().filter((r) => r.path === '/users/track');

/** One sign-up as the proxy prepares it: a profile object and a consent event, both by email. */
export function prepared(n: number | string, extra: Partial<PreparedSubmission> = {}): PreparedSubmission {
  const email = `visitor-${n}@example.com`;
  return {
    id: `sub-${String(n).padStart(6, '0')}`,
    site: 'shop',
    identity: `email:${email}`,
    attributes: [{ email, first_name: `Visitor ${n}` }],
    events: [{ email, name: 'inlet_consent', time: '2026-01-01T00:00:00.000Z', properties: { submission_id: `sub-${n}`, channel: 'email' } }],
    receivedAt: Date.UTC(2026, 0, 1),
    ...extra,
  };
}

export function tempDir(): { dir: string; file: (name: string) => string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'inlet-delivery-'));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, stepMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
