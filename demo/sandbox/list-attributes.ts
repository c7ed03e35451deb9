/** `GET /custom_attributes`: 50 per page, alphabetical, paged by the `Link` header (braze-api.md §5). */
import type { Engine } from './engine.ts';
import { fail, json } from './http.ts';

const PAGE = 50;

export function listAttributes(url: URL, engine: Engine): Response {
  const all = engine.registry.list();
  const cursor = url.searchParams.get('cursor');
  // The cursor is the name the page starts at; opaque to clients, as Braze's is.
  const start = cursor === null ? 0 : all.findIndex((a) => a.name === decodeCursor(cursor));
  if (start < 0) return fail(400, "'cursor' is not valid: follow the Link header of the previous page.");
  const page = all.slice(start, start + PAGE);
  const target = (at: number) => {
    const path = `/custom_attributes?cursor=${encodeURIComponent(encodeCursor(all[at]!.name))}`;
    return engine.options.linkStyle === 'absolute' ? `${url.origin}${path}` : path;
  };
  const links: string[] = [];
  if (start > 0) links.push(`<${target(Math.max(0, start - PAGE))}>; rel="prev"`);
  if (start + PAGE < all.length) links.push(`<${target(start + PAGE)}>; rel="next"`);
  const attributes = page.map((a) => ({
    name: a.name,
    description: a.description,
    data_type: a.data_type,
    array_length: a.data_type === 'Array' ? engine.options.maxArrayLength : null,
    status: a.status,
    tag_names: a.tag_names,
  }));
  return json(200, { message: 'success', attributes }, links.length > 0 ? { link: links.join(',') } : {});
}

const encodeCursor = (name: string) => btoa(String.fromCharCode(...new TextEncoder().encode(name)));
function decodeCursor(cursor: string): string | undefined {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(cursor), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
