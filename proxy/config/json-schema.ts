/** JSON Schema of the form config, generated from the zod schema so editors can autocomplete forms. */
import * as z from 'zod';
import { FormConfig } from './form-schema.ts';

export function formJsonSchema(): string {
  const schema = z.toJSONSchema(FormConfig, { io: 'input', unrepresentable: 'any', reused: 'ref' });
  return `${JSON.stringify({ ...schema, title: 'Inlet form' }, null, 2)}\n`;
}
