import { describe, expect, it } from 'vitest';
import { api, BASE } from './helpers.ts';

const trackBody = JSON.stringify({ attributes: [{ external_id: 'u1', first_name: 'Ada' }] });

describe('authentication and generic errors (braze-api.md §1, §2.5)', () => {
  it('§9.1 answers 401 when the Authorization header is missing', async () => {
    const { sandbox } = api();
    const response = await sandbox.fetch(new Request(`${BASE}/users/track`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: trackBody }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Invalid API key' });
  });

  it('§9.1 answers 401 when the key is wrapped in quotes, lacks the Bearer scheme, or is unknown', async () => {
    const { post } = api();
    for (const authorization of ['Bearer "sandbox"', 'sandbox', 'Bearer ', 'Bearer other-key', 'Basic sandbox']) {
      expect((await post('/users/track', trackBody, { authorization })).status, authorization).toBe(401);
    }
  });

  it('§9.1 answers 401 on a GET endpoint without auth too', async () => {
    const { sandbox } = api();
    expect((await sandbox.fetch(new Request(`${BASE}/custom_attributes`))).status).toBe(401);
  });

  it('§9.2 answers 403 Access Denied to a valid key without users.track', async () => {
    const { post } = api({ keys: { 'export-only': ['custom_attributes.get'] } });
    const response = await post('/users/track', trackBody, { authorization: 'Bearer export-only' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Access Denied' });
  });

  it('§1 answers 403 on /custom_attributes to a key with users.track only, and 201 on /users/track', async () => {
    const { post, get } = api({ keys: { 'track-only': ['users.track'] } });
    expect((await get('/custom_attributes', { authorization: 'Bearer track-only' })).status).toBe(403);
    expect((await post('/users/track', trackBody, { authorization: 'Bearer track-only' })).status).toBe(201);
  });

  it('§9.3 answers 404 to POST /users/trak', async () => {
    const { post } = api();
    const response = await post('/users/trak', trackBody);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Invalid URL: no Braze endpoint matches this method and path' });
  });

  it('§2.5 answers 404 to a trailing slash and to the wrong method', async () => {
    const { post, get } = api();
    expect((await post('/users/track/', trackBody)).status).toBe(404);
    expect((await get('/users/track')).status).toBe(404);
  });

  it('§9.4 answers 400 bad syntax to a trailing comma', async () => {
    const { post } = api();
    const response = await post('/users/track', '{"attributes":[{"external_id":"u1"},]}');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'Bad syntax: the request body is not valid JSON' });
  });

  it('§2.5 answers 400 to comments and single quotes', async () => {
    const { post } = api();
    expect((await post('/users/track', '{/* c */"attributes":[]}')).status).toBe(400);
    expect((await post('/users/track', "{'attributes':[]}")).status).toBe(400);
  });

  it('§9.5 answers 415 when Content-Type is missing or not JSON', async () => {
    const { sandbox, post } = api();
    const missing = await sandbox.fetch(new Request(`${BASE}/users/track`, { method: 'POST', headers: { authorization: 'Bearer sandbox' }, body: new Blob([trackBody]) }));
    expect(missing.status).toBe(415);
    const text = await post('/users/track', trackBody, { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(await text.json()).toEqual({ message: 'Unsupported Media Type: send Content-Type: application/json' });
    expect((await post('/users/track', trackBody, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(201);
  });

  it('§9.6 answers 413 to a body over 4 MB, declared or streamed', async () => {
    const { post } = api();
    const big = JSON.stringify({ attributes: [{ external_id: 'u1', blob: 'x'.repeat(4 * 1024 * 1024) }] });
    const response = await post('/users/track', big);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
  });

  it('§9.6 accepts a body just under 4 MB (the limit is on bytes, not on objects)', async () => {
    const { post } = api();
    const filler = 'y'.repeat(4 * 1024 * 1024 - 200);
    const response = await post('/users/track', JSON.stringify({ attributes: [{ external_id: 'u1' }], pad: filler }));
    expect(response.status).toBe(201);
  });
});
