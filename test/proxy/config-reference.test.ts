/** The shipped JSON Schema and docs/configuration.md stay in step with the zod schemas. */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { formJsonSchema } from '../../proxy/config/json-schema.ts';
import { FieldsStep, SuccessStep, Field, FormConfig } from '../../proxy/config/form-schema.ts';
import { SiteConfig } from '../../proxy/config/site-schema.ts';

type Json = { properties?: Record<string, Json>; items?: Json; anyOf?: Json[]; oneOf?: Json[]; additionalProperties?: Json | boolean; $defs?: Record<string, Json> };

/** Every property name in a JSON Schema, however deep. */
function keys(schema: Json, out = new Set<string>()): Set<string> {
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    out.add(name);
    keys(sub, out);
  }
  for (const sub of [schema.items, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...Object.values(schema.$defs ?? {})]) if (sub) keys(sub, out);
  if (typeof schema.additionalProperties === 'object') keys(schema.additionalProperties, out);
  return out;
}

const input = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;

describe('configuration reference', () => {
  it('proxy/config/form.schema.json is what `npm run schema` generates', () => {
    expect(readFileSync('proxy/config/form.schema.json', 'utf8'), 'stale: run `npm run schema`').toBe(formJsonSchema());
  });

  it('docs/configuration.md names every key of the site config and of forms, steps and fields', () => {
    const doc = readFileSync('docs/configuration.md', 'utf8');
    const formTop = Object.keys((input(FormConfig).properties ?? {}) as object);
    const all = new Set([...keys(input(SiteConfig)), ...formTop, ...keys(input(FieldsStep)), ...keys(input(SuccessStep)), ...keys(input(Field))]);
    // A key may appear alone (`coupon`) or at the end of a dotted path (`consent.sms`).
    const missing = [...all].filter((key) => !new RegExp(`\`([\\w]+\\.)*${key}\``).test(doc));
    expect(missing).toEqual([]);
  });
});
