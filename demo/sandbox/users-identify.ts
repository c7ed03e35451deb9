/** `POST /users/identify`: gives an anonymous profile an external_id or merges it in (braze-api.md §7). */
import { z } from 'zod';
import type { Engine } from './engine.ts';
import { fail, json } from './http.ts';
import { prioritizationSchema, prioritize } from './prioritize.ts';
import type { Profile, UserAlias } from './store.ts';
import { zodMessage } from './validation.ts';

const alias = z.object({ alias_name: z.string().min(1), alias_label: z.string().min(1) });
const schema = z.object({
  aliases_to_identify: z.array(z.object({ external_id: z.string().min(1), user_alias: alias })).optional(),
  emails_to_identify: z.array(z.object({ external_id: z.string().min(1), email: z.string(), prioritization: prioritizationSchema })).optional(),
  phone_numbers_to_identify: z.array(z.object({ external_id: z.string().min(1), phone: z.string(), prioritization: prioritizationSchema })).optional(),
});

/** Fields found only on the anonymous profile are merged into the identified one (§7). */
function merge(source: Profile, target: Profile, engine: Engine): void {
  for (const [k, v] of Object.entries(source.attributes)) if (!(k in target.attributes)) target.attributes[k] = v;
  for (const [k, v] of Object.entries(source.subscription_groups)) if (!(k in target.subscription_groups)) target.subscription_groups[k] = v;
  if (target.email === undefined && source.email !== undefined) engine.store.setEmail(target, source.email);
  if (target.phone === undefined && source.phone !== undefined) engine.store.setPhone(target, source.phone);
  target.user_aliases.push(...source.user_aliases);
  target.events.push(...source.events);
  target.purchases.push(...source.purchases);
  target.data_points += source.data_points;
  engine.store.remove(source);
  engine.store.touch(target);
}

function identify(source: Profile | undefined, externalId: string, engine: Engine, newAlias?: UserAlias): void {
  if (!source) return engine.warn(`identify ${externalId}: no single matching profile, nothing merged`);
  if (source.external_id !== undefined) return engine.warn(`identify ${externalId}: the matching profile is already identified, nothing merged`);
  const target = engine.store.byExternalId(externalId);
  if (!target) {
    source.external_id = externalId;
    return engine.store.touch(source);
  }
  // No merge when the target already holds an alias with that label; the answer is still success (§7).
  if (newAlias && target.user_aliases.some((a) => a.alias_label === newAlias.alias_label)) {
    return engine.warn(`identify ${externalId}: already has an alias labelled ${newAlias.alias_label}, nothing merged`);
  }
  merge(source, target, engine);
}

export function identifyUsers(body: unknown, engine: Engine): Response {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return fail(400, zodMessage(parsed.error));
  const { aliases_to_identify: aliases = [], emails_to_identify: emails = [], phone_numbers_to_identify: phones = [] } = parsed.data;
  const total = aliases.length + emails.length + phones.length;
  if (total === 0) return fail(400, "Provide 'aliases_to_identify', 'emails_to_identify' or 'phone_numbers_to_identify'.");
  if (total > 50) return fail(400, `At most 50 identifications per request; got ${total}.`);
  const { store } = engine;
  for (const a of aliases) identify(store.byAlias(a.user_alias), a.external_id, engine, a.user_alias);
  for (const e of emails) identify(prioritize(store.withEmail(e.email).filter((p) => p.external_id !== e.external_id), e.prioritization), e.external_id, engine);
  for (const p of phones) identify(prioritize(store.withPhone(p.phone).filter((x) => x.external_id !== p.external_id), p.prioritization), p.external_id, engine);
  return json(201, {
    ...(parsed.data.aliases_to_identify ? { aliases_processed: aliases.length } : {}),
    ...(parsed.data.emails_to_identify ? { emails_processed: emails.length } : {}),
    ...(parsed.data.phone_numbers_to_identify ? { phone_numbers_processed: phones.length } : {}),
    message: 'success',
  });
}
