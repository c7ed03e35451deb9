import { describe, expect, it } from 'vitest';
import { API_KEY, ORIGIN, post, setup, submission, welcomeConfig } from '../helpers/proxy.ts';
import { createHandler } from '../../proxy/index.ts';

describe('GET /v1/sites/:site/forms', () => {
  it('serves the published forms with an ETag and answers 304 when it matches', async () => {
    const { handler } = setup();
    const first = await handler(new Request('https://forms.example.com/v1/sites/shop/forms', { headers: { origin: ORIGIN } }));
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body = (await first.json()) as { forms: { id: string; layout: string }[] };
    expect(body.forms.map((f) => [f.id, f.layout])).toEqual([['welcome', 'modal']]);
    const etag = first.headers.get('etag')!;
    const second = await handler(new Request('https://forms.example.com/v1/sites/shop/forms', { headers: { 'if-none-match': etag } }));
    expect(second.status).toBe(304);
  });

  it('answers 404 unknown_site for a site that is not configured', async () => {
    const { handler } = setup();
    const response = await handler(new Request('https://forms.example.com/v1/sites/nope/forms'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'unknown_site' });
  });

  it('refuses an origin outside the allowlist and accepts a wildcard subdomain', async () => {
    const { handler } = setup();
    const evil = await handler(new Request('https://forms.example.com/v1/sites/shop/forms', { headers: { origin: 'https://evil.example' } }));
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const sub = await handler(new Request('https://forms.example.com/v1/sites/shop/forms', { headers: { origin: 'https://eu.shop.example.com' } }));
    expect(sub.status).toBe(200);
    expect(sub.headers.get('access-control-allow-origin')).toBe('https://eu.shop.example.com');
    const bare = await handler(new Request('https://forms.example.com/v1/sites/shop/forms', { headers: { origin: 'https://shop.example.com.evil.io' } }));
    expect(bare.status).toBe(403);
  });
});

describe('POST /v1/submissions', () => {
  it('accepts a valid sign-up with 202 and the profile reaches Braze with its attributes', async () => {
    const { handler, sandbox } = setup();
    const body = submission({ email: 'Ada@Example.com', first_name: 'Ada' });
    const response = await handler(post(body));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ id: body.id, status: 'accepted' });
    const profile = sandbox.users().find((u) => u.email === 'ada@example.com');
    expect(profile?.attributes.first_name).toBe('Ada');
  });

  it('answers 400 with field errors the widget can show, naming each field', async () => {
    const { handler, sandbox } = setup();
    const response = await handler(post(submission({ email: 'not-an-email', shoe: '42' })));
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await response.json()).toEqual({
      error: 'invalid_submission',
      message: 'Some fields need attention.',
      fields: {
        email: [{ code: 'invalid_email', message: 'Enter a valid email address.' }],
        shoe: [{ code: 'unknown_field', message: '"shoe" is not a field of this form step.' }],
      },
    });
    expect(sandbox.users()).toEqual([]);
  });

  it('requires the email', async () => {
    const { handler } = setup();
    const response = await handler(post(submission({ first_name: 'Ada' })));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fields: Record<string, unknown> }).fields).toEqual({ email: [{ code: 'required', message: 'This field is required.' }] });
  });

  it('refuses bodies over the limit with 413 before parsing them', async () => {
    const { handler } = setup();
    const response = await handler(post(`{"x":"${'a'.repeat(20_000)}"}`));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('refuses a body that is not JSON with 400 invalid_json, and other media types with 415', async () => {
    const { handler } = setup();
    expect((await handler(post('{"id":'))).status).toBe(400);
    const form = await handler(post('a=b', { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(form.status).toBe(415);
  });

  it('refuses a submission from an origin the site does not allow', async () => {
    const { handler, sandbox } = setup();
    const response = await handler(post(submission({ email: 'a@example.com' }), { origin: 'https://evil.example' }));
    expect(response.status).toBe(403);
    expect(sandbox.users()).toEqual([]);
  });

  it('answers 503 with Retry-After when Braze cannot take the sign-up (direct delivery)', async () => {
    const { handler, sandbox } = setup();
    sandbox.setFaults({ rates: { 503: 1 } });
    const response = await handler(post(submission({ email: 'a@example.com' })));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('never puts the API key in a response body or header', async () => {
    const { handler, sandbox } = setup();
    const requests = [
      post(submission({ email: 'a@example.com' })),
      post(submission({ email: 'bad' })),
      new Request('https://forms.example.com/v1/sites/shop/forms', { headers: { origin: ORIGIN } }),
      new Request('https://forms.example.com/nope'),
    ];
    sandbox.setFaults({ rates: {} });
    for (const request of requests) {
      const response = await handler(request);
      const text = (await response.text()) + JSON.stringify([...response.headers]);
      expect(text).not.toContain(API_KEY);
    }
  });
});

describe('createHandler', () => {
  it('refuses a broken config at start-up with a message that names the path and the fix', () => {
    const config = welcomeConfig({ forms: [{ id: 'Welcome!', site: 'shop', steps: [] }] });
    expect(() => createHandler({ config, braze: { endpoint: 'http://x', apiKey: 'k' } })).toThrowError(
      /forms\[Welcome!\]\.id: form ids are lowercase letters, digits and "-"[\s\S]*forms\[Welcome!\]\.steps/,
    );
  });
});
