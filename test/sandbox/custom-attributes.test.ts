import { describe, expect, it } from 'vitest';
import type { AttributeDefinition } from '../../demo/sandbox/index.ts';
import { api, BASE } from './helpers.ts';

const schema = (n: number): AttributeDefinition[] =>
  Array.from({ length: n }, (_, i) => ({ name: `attr_${String(i).padStart(3, '0')}`, data_type: 'String' }));

describe('GET /custom_attributes (braze-api.md §5)', () => {
  it('§5 lists attributes alphabetically with the documented fields and no Link on a single page', async () => {
    const { get, track } = api({ attributeSchema: [{ name: 'zeta', data_type: 'Number', description: 'last', tag_names: ['t'] }] });
    await track({ attributes: [{ external_id: 'u1', alpha: ['x'], beta: true }] });
    const response = await get('/custom_attributes');
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toBeNull();
    expect(await response.json()).toEqual({
      message: 'success',
      attributes: [
        { name: 'alpha', description: null, data_type: 'Array', array_length: 500, status: 'Active', tag_names: [] },
        { name: 'beta', description: null, data_type: 'Boolean', array_length: null, status: 'Active', tag_names: [] },
        { name: 'zeta', description: 'last', data_type: 'Number', array_length: null, status: 'Active', tag_names: ['t'] },
      ],
    });
  });

  it('§5 pages 50 at a time and follows rel="next" to the end, with rel="prev" after the first page', async () => {
    const { get } = api({ attributeSchema: schema(120).reverse() });
    const names: string[] = [];
    const links: (string | null)[] = [];
    let path: string | undefined = '/custom_attributes';
    while (path) {
      const response = await get(path);
      const body = await response.json();
      names.push(...body.attributes.map((a: { name: string }) => a.name));
      const link = response.headers.get('link');
      links.push(link);
      const next = link?.match(/<([^>]+)>; rel="next"/)?.[1];
      path = next ? next.replace(BASE, '') : undefined;
    }
    expect(names).toEqual(schema(120).map((a) => a.name));
    expect(links).toHaveLength(3);
    expect(links[0]).toMatch(/^<https:\/\/rest\.iad-01\.braze\.com\/custom_attributes\?cursor=[^>]+>; rel="next"$/);
    expect(links[1]).toMatch(/rel="prev",<.+>; rel="next"$/);
    expect(links[2]).toMatch(/rel="prev"$/);
  });

  it('§5 can emit relative Link targets', async () => {
    const { get } = api({ attributeSchema: schema(51), linkStyle: 'relative' });
    expect((await get('/custom_attributes')).headers.get('link')).toMatch(/^<\/custom_attributes\?cursor=/);
  });

  it('§5 refuses a cursor it did not issue', async () => {
    const { get } = api();
    expect((await get('/custom_attributes?cursor=bogus')).status).toBe(400);
  });

  it('§5 shows blocklisted attributes, whose values are never stored', async () => {
    const { get, track, user } = api({ attributeSchema: [{ name: 'secret', data_type: 'String', status: 'Blocklisted' }] });
    await track({ attributes: [{ external_id: 'u1', secret: 's', open: 'o' }] });
    expect(user((u) => u.external_id === 'u1')?.attributes).toEqual({ open: 'o' });
    const body = await (await get('/custom_attributes')).json();
    expect(body.attributes.map((a: { name: string; status: string }) => `${a.name}:${a.status}`)).toEqual(['open:Active', 'secret:Blocklisted']);
  });

  it('§5 infers Object and Object Array types from /users/track', async () => {
    const { get, track } = api();
    await track({ attributes: [{ external_id: 'u1', pet: { name: 'Rex' }, pets: [{ id: 1 }], seen: '2024-01-01T00:00:00Z', n: 1.5 }] });
    const body = await (await get('/custom_attributes')).json();
    expect(body.attributes.map((a: { name: string; data_type: string }) => `${a.name}:${a.data_type}`)).toEqual(['n:Number', 'pet:Object', 'pets:Object Array', 'seen:Time']);
  });
});
