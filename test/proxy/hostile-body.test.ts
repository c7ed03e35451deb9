/**
 * Hostile bodies: bytes that are not UTF-8 in a field value, and prototype keys anywhere in a body,
 * are refused with stable codes instead of reaching Braze as replacement characters or odd objects.
 */
import { describe, expect, it } from 'vitest';
import { ORIGIN, routeSetup } from './submission-route.fixtures.ts';

const encoder = new TextEncoder();

/** A submission body as bytes, with `raw` spliced in verbatim where `"@RAW@"` stands. */
function bytesWith(fields: Record<string, unknown>, raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const text = JSON.stringify({ id: 'hostile-0001', site: 'shop', form: 'welcome', step: 0, elapsedMs: 5000, fields });
  const [before, after] = text.split('"@RAW@"') as [string, string];
  const head = encoder.encode(before + '"');
  const tail = encoder.encode('"' + after);
  const out = new Uint8Array(head.length + raw.length + tail.length);
  out.set(head, 0);
  out.set(raw, head.length);
  out.set(tail, head.length + raw.length);
  return out;
}

async function send(handler: (r: Request) => Promise<Response>, body: BodyInit) {
  const response = await handler(new Request('https://forms.example.com/v1/submissions', { method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body }));
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('a field value that is not UTF-8', () => {
  it.each([
    ['a lone continuation byte', [0x41, 0x80, 0x42]],
    ['a truncated sequence', [0x41, 0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('is refused with a field error naming the field (%s), and nothing reaches Braze', async (_, bytes) => {
    const { handler, sandbox } = routeSetup();
    const result = await send(handler, bytesWith({ email: 'ada@example.com', first_name: '@RAW@' }, Uint8Array.from(bytes)));
    expect(result.status).toBe(400);
    expect(result.body.error).toBe('invalid_submission');
    expect(result.body.fields.first_name?.[0]?.code).toBe('invalid_text');
    expect(Object.keys(result.body.fields)).toEqual(['first_name']);
    expect(sandbox.users()).toEqual([]);
  });

  it('is refused when it arrives as a lone surrogate escape', async () => {
    const { handler } = routeSetup();
    const result = await send(handler, bytesWith({ email: 'ada@example.com', first_name: '@RAW@' }, encoder.encode('\\ud800x')));
    expect(result.body.fields?.first_name?.[0]?.code).toBe('invalid_text');
  });

  it('accepts a replacement character the visitor really typed, and other valid text', async () => {
    const { handler, sandbox } = routeSetup();
    const result = await send(handler, bytesWith({ email: 'ada@example.com', first_name: '@RAW@' }, encoder.encode('Zoë \uFFFD 😀')));
    expect(result.status).toBe(202);
    expect(sandbox.users()[0]?.attributes.first_name).toBe('Zoë \uFFFD 😀');
  });
});

describe('prototype keys in a body', () => {
  it.each([
    ['__proto__ in fields', '{"email":"ada@example.com","__proto__":{"admin":true}}'],
    ['constructor in fields', '{"email":"ada@example.com","constructor":"x"}'],
    ['prototype nested in a value', '{"email":"ada@example.com","first_name":"A","tags":[{"prototype":1}]}'],
    ['an escaped __proto__', '{"email":"ada@example.com","\\u005f_proto__":1}'],
  ])('refuses %s with the stable code forbidden_key', async (_, fields) => {
    const { handler, sandbox } = routeSetup();
    const text = `{"id":"hostile-0002","site":"shop","form":"welcome","step":0,"elapsedMs":5000,"fields":${fields}}`;
    const result = await send(handler, text);
    expect(result.status).toBe(400);
    expect(result.body.error).toBe('forbidden_key');
    expect(sandbox.users()).toEqual([]);
  });

  it('refuses a prototype key at the top level of the body', async () => {
    const { handler } = routeSetup();
    const result = await send(handler, '{"id":"hostile-0003","site":"shop","form":"welcome","step":0,"fields":{"email":"a@example.com"},"constructor":{"prototype":{}}}');
    expect(result.body.error).toBe('forbidden_key');
  });

  it('still accepts the words as values', async () => {
    const { handler } = routeSetup();
    expect((await send(handler, bytesWith({ email: 'ada@example.com', first_name: '@RAW@' }, encoder.encode('constructor')))).status).toBe(202);
  });
});
