/**
 * Random and malformed bodies thrown at the real handler (Braze is the in-process sandbox): never a
 * 5xx, never an uncaught exception, always JSON with a stable error code (or a 202 acceptance).
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSandbox, SANDBOX_EMAIL_GROUP, SANDBOX_SMS_GROUP } from '../../demo/sandbox/index.ts';
import { createHandler, type ErrorCode } from '../../proxy/index.ts';

const ORIGIN = 'https://shop.example.com';
const CODES: ErrorCode[] = ['unknown_site', 'unknown_form', 'origin_not_allowed', 'payload_too_large', 'unsupported_media_type', 'invalid_json', 'forbidden_key', 'invalid_submission', 'rate_limited'];

const config = {
  sites: {
    shop: {
      origins: [ORIGIN],
      subscriptionGroups: { email: SANDBOX_EMAIL_GROUP, sms: SANDBOX_SMS_GROUP },
      attributes: { interests: { type: 'string[]' }, size: { type: 'number' }, born: { type: 'date' } },
      context: ['utm', 'landing_page', 'referrer', 'visits', 'pages_per_session'],
      identity: { signingSecret: 'env:SIGNING' },
    },
  },
  forms: [
    {
      id: 'welcome',
      site: 'shop',
      steps: [
        {
          fields: [
            { name: 'email', type: 'email' },
            { name: 'phone', type: 'phone', countries: ['FR', 'PT', 'US'] },
            { name: 'first_name', type: 'text', minLength: 2 },
            { name: 'interests', type: 'choices', options: ['a', { value: 'b' }], maxSelected: 2 },
            { name: 'size', type: 'number', integer: true },
            { name: 'born', type: 'date' },
            { name: 'gender', type: 'gender' },
            { name: 'language', type: 'language' },
            { name: 'country', type: 'country' },
            { name: 'email_ok', type: 'consent', channel: 'email', disclosure: 'Email me', version: '1' },
            { name: 'sms_ok', type: 'consent', channel: 'sms', disclosure: 'Text me', version: '1' },
          ],
        },
        { fields: [{ name: 'home_city', type: 'text' }] },
      ],
    },
  ],
};

function setup() {
  const sandbox = createSandbox({ apiKey: 'k' });
  return createHandler({ config, env: { SIGNING: 'fuzz-secret' }, braze: { endpoint: 'http://braze.sandbox', apiKey: 'k' }, fetch: (i, init) => sandbox.fetch(new Request(i, init)) });
}

const fieldValue = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.constantFrom('ada@example.com', 'a b@x.com', 'foo@', '06 12 34 56 78', '+15555555555', '0033612345678', 'a', 'b', 'M', 'fr', 'FR', 'XX', '2026-02-30', '1999-12-31', '', '__proto__'),
  fc.record({ number: fc.oneof(fc.string(), fc.jsonValue()), country: fc.oneof(fc.constantFrom('FR', 'PT', 'GB', 'fr'), fc.jsonValue()) }, { requiredKeys: [] }),
  fc.array(fc.constantFrom('a', 'b', 'c', '')),
);
const fieldName = fc.constantFrom('email', 'phone', 'first_name', 'interests', 'size', 'born', 'gender', 'language', 'country', 'email_ok', 'sms_ok', 'home_city', '__proto__', 'constructor', 'x');
const envelope = fc.record(
  {
    id: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,12}$/), fc.jsonValue()),
    site: fc.oneof(fc.constant('shop'), fc.constantFrom('__proto__', 'toString', 'nope'), fc.jsonValue()),
    form: fc.oneof(fc.constant('welcome'), fc.constantFrom('__proto__', 'constructor'), fc.jsonValue()),
    step: fc.oneof(fc.constantFrom(0, 1, 2, -1, 0.5, 21), fc.jsonValue()),
    fields: fc.oneof(fc.dictionary(fieldName, fieldValue, { maxKeys: 8 }), fc.jsonValue()),
    variant: fc.oneof(fc.string(), fc.jsonValue()),
    consentVersions: fc.oneof(fc.dictionary(fieldName, fc.string()), fc.jsonValue()),
    continuation: fc.oneof(fc.string(), fc.stringMatching(/^[\w-]{1,40}\.[\w-]{43}$/)),
    externalId: fc.oneof(fc.string(), fc.jsonValue()),
    signature: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string()),
    context: fc.oneof(fc.dictionary(fc.constantFrom('utm', 'landing_page', 'referrer', 'visits', 'pages_per_session', 'x'), fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.string()))), fc.jsonValue()),
    lang: fc.oneof(fc.string(), fc.jsonValue()),
    page: fc.oneof(fc.webUrl(), fc.jsonValue()),
    elapsedMs: fc.oneof(fc.nat(), fc.jsonValue()),
    hp: fc.oneof(fc.constant(''), fc.string(), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

const usually = <T,>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: fieldValue, weight: 1 });

// Mostly well-formed envelopes, so random values reach field checks, consent rules and delivery.
const plausible = fc.record(
  {
    id: fc.stringMatching(/^[A-Za-z0-9_-]{8,12}$/),
    site: fc.constantFrom('shop', 'shop', 'shop', 'nope'),
    form: fc.constantFrom('welcome', 'welcome', 'welcome', 'other'),
    step: fc.constantFrom(0, 0, 0, 1),
    fields: fc.record(
      {
        email: usually(fc.emailAddress()),
        phone: usually(fc.constantFrom('06 12 34 56 78', '+1 415 555 2671', '0033 6 12 34 56 78', { number: '912 345 678', country: 'PT' })),
        first_name: usually(fc.string({ minLength: 2, maxLength: 30 })),
        interests: usually(fc.subarray(['a', 'b'])),
        size: usually(fc.integer()),
        email_ok: usually(fc.boolean()),
        sms_ok: usually(fc.boolean()),
      },
      { requiredKeys: ['email'] },
    ),
    context: fc.dictionary(fc.constantFrom('utm', 'landing_page', 'visits', 'x'), fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.constantFrom('source', 'medium'), fc.string()))),
    externalId: fc.string({ maxLength: 20 }),
    signature: fc.stringMatching(/^[0-9a-f]{64}$/),
  },
  { requiredKeys: ['id', 'site', 'form', 'fields'] },
);

const body = fc.oneof(
  { arbitrary: plausible.map((e) => JSON.stringify(e)), weight: 4 },
  envelope.map((e) => JSON.stringify(e)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.uint8Array({ maxLength: 64 }).map((b) => new TextDecoder().decode(b)),
  envelope.map((e) => JSON.stringify(e).slice(0, -1)),
);
const contentType = fc.constantFrom('text/plain;charset=UTF-8', 'application/json', 'APPLICATION/JSON; charset=utf-8', 'text/html', '', 'multipart/form-data');

describe('POST /v1/submissions with random bodies', () => {
  const logged: unknown[][] = [];
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation((...args) => void logged.push(args));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('never answers 5xx and always answers JSON with a stable code', async () => {
    const handler = setup();
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(body, contentType, async (text, type) => {
        const headers: Record<string, string> = { origin: ORIGIN };
        if (type) headers['content-type'] = type;
        const response = await handler(new Request('https://forms.example.com/v1/submissions', { method: 'POST', headers, body: text }));
        expect(response.status).toBeLessThan(500);
        const json = (await response.json()) as Record<string, unknown>;
        seen.add(response.status === 202 ? 'accepted' : String(json.error));
        for (const issues of Object.values((json.fields ?? {}) as Record<string, { code: string }[]>)) for (const i of issues) seen.add(i.code);
        if (response.status === 202) {
          expect(json).toMatchObject({ id: expect.any(String), status: expect.stringMatching(/^(accepted|duplicate)$/) });
        } else {
          expect(CODES).toContain(json.error);
          expect(typeof json.message).toBe('string');
          if (json.fields !== undefined) {
            for (const issues of Object.values(json.fields as Record<string, { code: unknown; message: unknown }[]>)) {
              for (const issue of issues) expect(issue).toEqual({ code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) });
            }
          }
        }
      }),
      { numRuns: 400, seed: 20260401 },
    );
    expect(logged).toEqual([]);
    // The bodies reach every layer: parsing, the envelope, field checks and delivery.
    for (const reached of ['accepted', 'invalid_json', 'unsupported_media_type', 'invalid_envelope', 'unknown_site', 'invalid_email', 'invalid_phone']) expect(seen).toContain(reached);
  });
});
