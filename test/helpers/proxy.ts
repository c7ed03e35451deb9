/**
 * Builds a proxy handler wired to an in-process Braze sandbox: the real sandbox, called through
 * its fetch handler, so no socket and no stub.
 */
import { createHandler, type Handler } from '../../proxy/index.ts';
import { createSandbox } from '../../demo/sandbox/index.ts';

export const ORIGIN = 'https://shop.example.com';
export const API_KEY = 'test-key-7f3a9c';

export function welcomeConfig(overrides: Record<string, unknown> = {}) {
  return {
    sites: { shop: { origins: [ORIGIN, 'https://*.shop.example.com'] } },
    forms: [
      {
        id: 'welcome',
        site: 'shop',
        steps: [
          { fields: [{ name: 'email', type: 'email', required: true }, { name: 'first_name', type: 'text', attribute: 'first_name' }] },
          { success: { coupon: 'WELCOME10' } },
        ],
      },
    ],
    ...overrides,
  };
}

export function setup(config: unknown = welcomeConfig()) {
  const sandbox = createSandbox({ apiKey: API_KEY });
  const handler: Handler = createHandler({
    config,
    braze: { endpoint: 'http://braze.sandbox', apiKey: API_KEY },
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
  });
  return { sandbox, handler };
}

let counter = 0;
export function submission(fields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  counter += 1;
  return { id: `sub-${Date.now().toString(36)}-${counter}`, site: 'shop', form: 'welcome', step: 0, fields, ...extra };
}

export function post(body: unknown, headers: Record<string, string> = {}) {
  return new Request('https://forms.example.com/v1/submissions', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
