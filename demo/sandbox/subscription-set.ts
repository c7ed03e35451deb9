/** `POST /subscription/status/set` and `/v2/subscription/status/set` (braze-api.md §4). */
import { z } from 'zod';
import type { Engine } from './engine.ts';
import { isE164, isUuid, isValidEmail } from './formats.ts';
import { fail, json } from './http.ts';
import type { Channel } from './options.ts';
import type { GroupState } from './store.ts';
import { applyGroupState, groupChannel } from './subscription-groups.ts';
import { zodMessage } from './validation.ts';

/** §4: at most 50 ids, emails or phones per request (v1) or per entry (v2). */
const MAX_TARGETS = 50;
export const BOTH_ADDRESSES = 'Either an email address or a phone number should be provided, but not both.';

type Kind = 'external_id' | 'email' | 'phone';
interface Entry {
  group: string;
  state: GroupState;
  kind: Kind;
  values: string[];
  doubleOptIn: boolean;
}

const oneOrMany = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const v1Schema = z.object({
  subscription_group_id: z.string(),
  subscription_state: z.enum(['subscribed', 'unsubscribed']),
  external_id: oneOrMany.optional(),
  email: oneOrMany.optional(),
  phone: oneOrMany.optional(),
  use_double_opt_in_logic: z.boolean().optional(),
});
const v2Schema = z.object({
  subscription_groups: z
    .array(
      z.object({
        subscription_group_id: z.string(),
        subscription_state: z.enum(['subscribed', 'unsubscribed']),
        external_ids: z.array(z.string()).optional(),
        emails: z.array(z.string()).optional(),
        phones: z.array(z.string()).optional(),
        use_double_opt_in_logic: z.boolean().optional(),
      }),
    )
    .min(1),
});

/** Why an entry cannot be applied, or undefined. */
function problem(entry: Entry, engine: Engine): string | undefined {
  if (!isUuid(entry.group)) return `'${entry.group}' is not a valid subscription group id.`;
  const channel = groupChannel(engine.options, entry.group);
  if (channel === undefined && engine.options.unknownGroups === 'reject') return `Subscription group ${entry.group} does not exist in this workspace.`;
  if (entry.values.length === 0) return "Provide 'external_id', 'email' or 'phone' to identify users.";
  if (entry.values.length > MAX_TARGETS) return `At most ${MAX_TARGETS} users can be updated per request; got ${entry.values.length}.`;
  if (channel === 'email' && entry.kind === 'phone') return 'This is an email subscription group: identify users by external_id or email.';
  if (channel === 'sms' && entry.kind === 'email') return 'This is an SMS subscription group: identify users by external_id or phone.';
  // "Phones that are not E.164 are rejected" (§4): the whole request, as the error text is undocumented (UNCERTAIN).
  if (entry.kind === 'phone') for (const phone of entry.values) if (!isE164(phone)) return `Phone number ${JSON.stringify(phone)} is not in E.164 format (e.g. +14155550123).`;
  if (entry.kind === 'email') for (const email of entry.values) if (!isValidEmail(email)) return `Email address ${JSON.stringify(email)} is not valid.`;
  return undefined;
}

function applyEntry(entry: Entry, engine: Engine): void {
  const { store } = engine;
  const channel: Channel | undefined = groupChannel(engine.options, entry.group) ?? (entry.kind === 'phone' ? 'sms' : entry.kind === 'email' ? 'email' : undefined);
  if (channel === 'sms' && entry.state === 'subscribed' && entry.doubleOptIn) {
    return engine.warn(`subscription group ${entry.group}: double opt-in requested, state unchanged until confirmation (not emulated)`);
  }
  for (const value of entry.values) {
    if (entry.kind === 'external_id') {
      const profile = store.byExternalId(value);
      if (profile) applyGroupState(store, profile, entry.group, entry.state, channel);
      else engine.warn(`external_id ${value}: no such user, nothing changed`);
      continue;
    }
    // Every profile sharing the address is updated; with none, the state waits 30 days as an orphan (§4).
    const profiles = entry.kind === 'email' ? store.withEmail(value) : store.withPhone(value);
    for (const profile of profiles) applyGroupState(store, profile, entry.group, entry.state, channel);
    if (profiles.length === 0) store.storeOrphan(entry.kind === 'email' ? 'email' : 'sms', entry.kind === 'email' ? value.toLowerCase() : value, entry.group, entry.state);
  }
}

function run(entries: Entry[], engine: Engine): Response {
  for (const entry of entries) {
    const why = problem(entry, engine);
    if (why) return fail(400, why);
  }
  for (const entry of entries) applyEntry(entry, engine);
  return json(201, { message: 'success' });
}

export function setStatusV1(body: unknown, engine: Engine): Response {
  const parsed = v1Schema.safeParse(body);
  if (!parsed.success) return fail(400, zodMessage(parsed.error));
  const b = parsed.data;
  if (b.email && b.phone) return fail(400, BOTH_ADDRESSES);
  const given = (['external_id', 'email', 'phone'] as const).filter((k) => b[k] !== undefined);
  if (given.length > 1) return fail(400, "Provide only one of 'external_id', 'email' or 'phone'.");
  const kind = given[0] ?? 'external_id';
  return run([{ group: b.subscription_group_id, state: b.subscription_state, kind, values: b[kind] ?? [], doubleOptIn: b.use_double_opt_in_logic === true }], engine);
}

export function setStatusV2(body: unknown, engine: Engine): Response {
  const parsed = v2Schema.safeParse(body);
  if (!parsed.success) return fail(400, zodMessage(parsed.error));
  const groups = parsed.data.subscription_groups;
  if (groups.some((g) => g.emails) && groups.some((g) => g.phones)) return fail(400, BOTH_ADDRESSES);
  const entries: Entry[] = [];
  for (const g of groups) {
    const given = (['external_ids', 'emails', 'phones'] as const).filter((k) => g[k] !== undefined);
    if (given.length > 1) return fail(400, "Each subscription group entry takes only one of 'external_ids', 'emails' or 'phones'.");
    const key = given[0] ?? 'external_ids';
    const kind: Kind = key === 'external_ids' ? 'external_id' : key === 'emails' ? 'email' : 'phone';
    entries.push({ group: g.subscription_group_id, state: g.subscription_state, kind, values: g[key] ?? [], doubleOptIn: g.use_double_opt_in_logic === true });
  }
  // Email and SMS groups mix in one call only when users are named by external_ids (§4 v2).
  const channels = new Set(entries.map((e) => groupChannel(engine.options, e.group)).filter(Boolean));
  if (channels.size > 1 && entries.some((e) => e.kind !== 'external_id')) return fail(400, 'Email and SMS subscription groups can be mixed in one request only with external_ids.');
  return run(entries, engine);
}
