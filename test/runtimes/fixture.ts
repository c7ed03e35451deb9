/**
 * One sign-up, the same on every runtime: the config each adapter runs with, the submission the
 * widget would send, and how to find the resulting profile in the Braze sandbox over HTTP.
 */
import { expect } from 'vitest';

export const ORIGIN = 'https://shop.example.com';
export const SANDBOX_KEY = 'runtime-test-key';
/** The sandbox's built-in email subscription group (demo/sandbox/options.ts), kept literal so workerd tests need no sandbox import. */
export const EMAIL_GROUP = '4f1c0a6e-8b2d-4c3e-9a51-6d2e7f8a9b01';

export function signupConfig() {
  return {
    sites: { shop: { origins: [ORIGIN], subscriptionGroups: { email: EMAIL_GROUP }, consent: { email: 'explicit' } } },
    forms: [
      {
        id: 'welcome',
        site: 'shop',
        steps: [
          {
            fields: [
              { name: 'email', type: 'email', required: true },
              { name: 'first_name', type: 'text', attribute: 'first_name' },
              { name: 'news', type: 'consent', channel: 'email', disclosure: { en: 'Email me offers. Unsubscribe any time.' }, version: 'v1' },
            ],
          },
          { success: { coupon: 'WELCOME10' } },
        ],
      },
    ],
  };
}

export function signup(runtime: string, first = 'Ada') {
  const id = `${runtime}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    email: `${id}@example.com`,
    body: { id, site: 'shop', form: 'welcome', step: 0, fields: { email: `${id}@example.com`, first_name: first, news: true }, consentVersions: { news: 'v1' } },
  };
}

/** What every runtime must produce for `signup()`: the profile, its consent, and the proof event. */
export function expectSignedUp(user: SandboxUser | undefined, first = 'Ada'): void {
  expect(user?.attributes.first_name).toBe(first);
  expect(user?.subscription_groups).toEqual({ [EMAIL_GROUP]: 'subscribed' });
  expect(user?.events.map((e) => e.name)).toEqual(['inlet_signup']);
}

export function submit(baseUrl: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/v1/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
    body: JSON.stringify(body),
  });
}

export interface SandboxUser {
  email?: string;
  attributes: Record<string, unknown>;
  subscription_groups: Record<string, unknown>;
  events: { name: string }[];
}

export async function sandboxUser(sandboxUrl: string, email: string): Promise<SandboxUser | undefined> {
  const response = await fetch(`${sandboxUrl}/_sandbox/users`);
  const { users } = (await response.json()) as { users: SandboxUser[] };
  return users.find((u) => u.email === email);
}

/** The emails each `/users/track` call carried, in order: how sign-ups were batched. */
export async function trackCalls(sandboxUrl: string): Promise<string[][]> {
  const response = await fetch(`${sandboxUrl}/_sandbox/requests`);
  const { requests } = (await response.json()) as { requests: { path: string; body?: { attributes?: { email?: string }[] } }[] };
  return requests.filter((r) => r.path === '/users/track').map((r) => (r.body?.attributes ?? []).flatMap((a) => (a.email ? [a.email] : [])));
}

/** Polls until the profile exists (queues deliver a moment after the 202). */
export async function waitForUser(sandboxUrl: string, email: string, timeoutMs = 10_000): Promise<SandboxUser> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const user = await sandboxUser(sandboxUrl, email);
    if (user) return user;
    if (Date.now() > deadline) throw new Error(`No profile for ${email} in the sandbox after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
