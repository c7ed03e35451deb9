/** `POST /users/alias/new` (braze-api.md §7). */
import { z } from 'zod';
import type { Engine } from './engine.ts';
import { fail, json } from './http.ts';
import { zodMessage } from './validation.ts';

const schema = z.object({
  user_aliases: z
    .array(z.object({ external_id: z.string().optional(), alias_name: z.string().min(1), alias_label: z.string().min(1) }))
    .min(1)
    .max(50),
});

export function newAliases(body: unknown, engine: Engine): Response {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return fail(400, zodMessage(parsed.error));
  const { store } = engine;
  for (const { external_id, alias_name, alias_label } of parsed.data.user_aliases) {
    const alias = { alias_name, alias_label };
    // An existing pair still counts as processed and changes nothing (§7).
    if (store.byAlias(alias)) {
      engine.warn(`alias ${alias_label}:${alias_name} exists already, nothing changed`);
      continue;
    }
    if (external_id === undefined) {
      store.create({ user_aliases: [alias] });
      continue;
    }
    const profile = store.byExternalId(external_id);
    if (!profile) {
      engine.warn(`external_id ${external_id}: no such user, alias not added`);
      continue;
    }
    profile.user_aliases.push(alias);
    store.touch(profile);
  }
  return json(201, { aliases_processed: parsed.data.user_aliases.length, message: 'success' });
}
