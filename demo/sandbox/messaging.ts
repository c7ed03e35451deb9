/** `/campaigns/trigger/send` and `/canvas/trigger/send`: validated and recorded, never delivered (braze-api.md §6). */
import { z } from 'zod';
import { applyChanges, planAttributes } from './attributes-object.ts';
import type { Engine } from './engine.ts';
import { jsonSize } from './formats.ts';
import { fail, json } from './http.ts';
import { prioritizationSchema, prioritize } from './prioritize.ts';
import type { Dispatch, Profile } from './store.ts';
import { zodMessage } from './validation.ts';

const MAX_RECIPIENTS = 50;
/** §6: Canvas context is 50 KB or less. */
const MAX_CONTEXT_BYTES = 50 * 1024;

const properties = z.record(z.string(), z.unknown());
const recipientSchema = z.object({
  external_user_id: z.string().min(1).optional(),
  user_alias: z.object({ alias_name: z.string().min(1), alias_label: z.string().min(1) }).optional(),
  email: z.string().optional(),
  prioritization: prioritizationSchema.optional(),
  trigger_properties: properties.optional(),
  context: properties.optional(),
  canvas_entry_properties: properties.optional(),
  send_to_existing_only: z.boolean().optional(),
  attributes: properties.optional(),
});
type Recipient = z.infer<typeof recipientSchema>;
const schema = z.object({
  campaign_id: z.string().min(1).optional(),
  canvas_id: z.string().min(1).optional(),
  send_id: z.string().optional(),
  broadcast: z.boolean().optional(),
  audience: properties.optional(),
  recipients: z.array(recipientSchema).optional(),
  trigger_properties: properties.optional(),
  // Both names are accepted: `canvas_entry_properties` is the older one (§6 UNCERTAIN).
  context: properties.optional(),
  canvas_entry_properties: properties.optional(),
  segment_id: z.unknown().optional(),
});

function recipientProblem(r: Recipient, i: number): string | undefined {
  const ids = [r.external_user_id, r.user_alias, r.email].filter((v) => v !== undefined).length;
  if (ids !== 1) return `recipients.${i}: give exactly one of 'external_user_id', 'user_alias' or 'email'.`;
  if (r.email !== undefined && !r.prioritization) return `recipients.${i}: an email recipient needs 'prioritization'.`;
  if (r.user_alias && r.send_to_existing_only !== undefined) return `recipients.${i}: 'send_to_existing_only' cannot be used with 'user_alias'.`;
  if (r.send_to_existing_only === false && !r.attributes) return `recipients.${i}: 'send_to_existing_only: false' needs 'attributes'.`;
  if (jsonSize(r.context ?? r.canvas_entry_properties ?? {}) > MAX_CONTEXT_BYTES) return `recipients.${i}: context is over 50 KB.`;
  return undefined;
}

function target(r: Recipient, engine: Engine): Profile | undefined {
  const { store } = engine;
  if (r.user_alias) return store.byAlias(r.user_alias);
  if (r.email !== undefined) return prioritize(store.withEmail(r.email), r.prioritization!);
  const found = store.byExternalId(r.external_user_id!);
  return found ?? (r.send_to_existing_only === false ? store.create({ external_id: r.external_user_id! }) : undefined);
}

export function trigger(kind: Dispatch['kind'], body: unknown, engine: Engine): Response {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return fail(400, zodMessage(parsed.error));
  const b = parsed.data;
  const targetId = kind === 'campaign' ? b.campaign_id : b.canvas_id;
  if (!targetId) return fail(400, `'${kind}_id' is required.`);
  if (b.segment_id !== undefined) return fail(400, "'segment_id' is not supported: use 'audience' or 'recipients'.");
  const recipients = b.recipients ?? [];
  if (b.broadcast && recipients.length > 0) return fail(400, "'broadcast: true' cannot be combined with 'recipients'.");
  if (!b.broadcast && recipients.length === 0 && !b.audience) return fail(400, "Provide 'recipients', an 'audience', or 'broadcast: true'.");
  if (recipients.length > MAX_RECIPIENTS) return fail(400, `At most ${MAX_RECIPIENTS} recipients per request; got ${recipients.length}.`);
  if (jsonSize(b.context ?? b.canvas_entry_properties ?? {}) > MAX_CONTEXT_BYTES) return fail(400, 'context is over 50 KB.');
  for (const [i, r] of recipients.entries()) {
    const why = recipientProblem(r, i);
    if (why) return fail(400, why);
  }
  const dispatch: Dispatch = {
    dispatch_id: engine.store.newId('d'),
    kind,
    target_id: targetId,
    broadcast: b.broadcast === true,
    recipients: [],
    properties: b.trigger_properties ?? b.context ?? b.canvas_entry_properties ?? {},
    at: engine.clock.now(),
  };
  for (const r of recipients) {
    const identifier = r.external_user_id ?? (r.user_alias ? `${r.user_alias.alias_label}:${r.user_alias.alias_name}` : r.email!);
    const profile = target(r, engine);
    if (profile && r.attributes) applyRecipientAttributes(kind, profile, r.attributes, engine);
    dispatch.recipients.push({ identifier, braze_id: profile?.braze_id ?? null, sent: profile !== undefined, ...(profile ? {} : { reason: 'no single matching user' }) });
  }
  engine.store.state.dispatches.push(dispatch);
  return json(201, { dispatch_id: dispatch.dispatch_id, message: 'success' });
}

/** Attributes apply before the send; a Canvas cannot change subscription groups by default (§6). */
function applyRecipientAttributes(kind: Dispatch['kind'], profile: Profile, attributes: Record<string, unknown>, engine: Engine): void {
  const { subscription_groups, ...rest } = attributes;
  if (kind === 'canvas' && subscription_groups !== undefined) engine.warn('canvas recipient attributes: subscription_groups ignored');
  const plan = planAttributes(kind === 'canvas' ? rest : attributes, engine.planContext);
  for (const code of plan.errors) engine.warn(`recipient attributes: ${code}`);
  if (plan.rejected) return;
  engine.store.bill(profile, applyChanges(profile, plan.changes));
  engine.store.touch(profile);
}
