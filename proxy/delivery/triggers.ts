/**
 * Sends messaging triggers (the email double opt-in confirmation) with `/canvas/trigger/send` and
 * `/campaigns/trigger/send` (braze-api.md §6): triggers of the same Canvas or Campaign share a call,
 * up to 50 recipients each. `deliverEntries` calls this only for submissions whose `/users/track`
 * objects Braze accepted, so the profile the confirmation subscribes has been written.
 */
import type { BrazeClient, TrackOutcome } from '../braze/client.ts';
import type { CampaignTriggerBody, CanvasTriggerBody, Prioritization, TriggerRecipient } from '../braze/types.ts';
import type { Limiter } from './limiter.ts';
import type { Stats } from './stats.ts';
import type { MessagingTrigger } from './types.ts';

/** Braze's recipient limit per trigger call. */
export const MAX_RECIPIENTS = 50;

/**
 * Canvas properties go in `context` (current docs); older docs and API clients call the same object
 * `canvas_entry_properties`, and braze-api.md §6 leaves open whether Braze still takes both. The
 * sandbox accepts either, so the name is a delivery option.
 */
export type CanvasPropertiesField = 'context' | 'canvas_entry_properties';

/**
 * `/users/track` writes an email-only object to the most recently updated profile with that email
 * (preferring one with an external_id, braze-api.md §2.2), and that write makes it the most recently
 * updated one. `most_recently_updated` alone therefore names the profile just written, identified or
 * not; `identified` would miss anonymous sign-ups, `unidentified` a known customer's profile.
 */
export const EMAIL_PRIORITIZATION: Prioritization[] = ['most_recently_updated'];

export type TriggerOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; status: number; reason: string; retryAfterMs?: number }
  /** 401/403/404/415: the key lacks `canvas.trigger.send`/`campaigns.trigger.send`, or the endpoint is wrong. */
  | { kind: 'paused'; status: number; message: string }
  /** Refused for good (e.g. 400 for an unknown Canvas id): retrying the same call cannot help. */
  | { kind: 'rejected'; status: number; reason: string };

export interface TriggerDeps {
  client: BrazeClient;
  limiter?: Limiter;
  stats?: Stats;
  canvasProperties?: CanvasPropertiesField;
}

/** Sends `triggers` and returns one outcome per trigger, in order. Never throws for a Braze answer. */
export async function sendTriggers(triggers: readonly MessagingTrigger[], deps: TriggerDeps): Promise<TriggerOutcome[]> {
  const groups = new Map<string, number[]>();
  triggers.forEach((t, i) => {
    const key = `${t.kind}\n${t.id}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const calls: number[][] = [];
  for (const indexes of groups.values()) for (let i = 0; i < indexes.length; i += MAX_RECIPIENTS) calls.push(indexes.slice(i, i + MAX_RECIPIENTS));

  const outcomes: TriggerOutcome[] = new Array(triggers.length);
  await Promise.all(
    calls.map(async (indexes) => {
      const batch = indexes.map((i) => triggers[i]!);
      const outcome = await send(batch, deps);
      for (const i of indexes) outcomes[i] = outcome;
    }),
  );
  return outcomes;
}

async function send(batch: MessagingTrigger[], deps: TriggerDeps): Promise<TriggerOutcome> {
  const first = batch[0]!;
  const field = deps.canvasProperties ?? 'context';
  const recipients = batch.map((t) => recipientOf(t, first.kind === 'campaign' ? 'trigger_properties' : field));
  const shared = sharedProperties(batch);
  const call = (): Promise<TrackOutcome> =>
    first.kind === 'campaign'
      ? deps.client.triggerCampaign({ campaign_id: first.id, ...(shared && { trigger_properties: shared }), recipients } satisfies CampaignTriggerBody)
      : deps.client.triggerCanvas({ canvas_id: first.id, ...(shared && { [field]: shared }), recipients } as CanvasTriggerBody);
  // The trigger endpoints have their own rate-limit family (250,000/h), so a 429 here retries these
  // triggers only and does not hold the limiter that `/users/track` calls share.
  const outcome = deps.limiter ? await deps.limiter.run(call) : await call();
  deps.stats?.add('triggerCalls');
  switch (outcome.kind) {
    case 'ok':
      deps.stats?.add('triggersSent', batch.length);
      return { kind: 'sent' };
    case 'retry':
      return { kind: 'retry', status: outcome.status, reason: outcome.reason, retryAfterMs: outcome.retryAfterMs };
    case 'auth':
    case 'misconfigured':
      return { kind: 'paused', status: outcome.status, message: outcome.message };
    case 'rejected':
      return { kind: 'rejected', status: outcome.status, reason: outcome.message || `HTTP ${outcome.status}` };
  }
}

function recipientOf(trigger: MessagingTrigger, field: 'trigger_properties' | CanvasPropertiesField): TriggerRecipient {
  const properties = { [field]: trigger.properties };
  if ('external_user_id' in trigger.recipient) return { external_user_id: trigger.recipient.external_user_id, ...properties };
  const { email } = trigger.recipient;
  // `/users/track` is queued at Braze (braze-api.md §7: usually 10–100 ms, up to minutes), so the
  // profile may not be visible yet when the trigger arrives. With the default
  // `send_to_existing_only: true` Braze would then answer 201 and silently send nothing; `false`
  // with `attributes: { email }` makes Braze create or update the profile first, so the
  // confirmation always goes. The cost is one data point (email is a billable standard field).
  // The attributes never carry `subscription_groups`: subscribing is the confirmation's job.
  return { email, prioritization: EMAIL_PRIORITIZATION, send_to_existing_only: false, attributes: { email }, ...properties };
}

/**
 * Properties every recipient of the call has with the same value also go at the top level, where
 * Braze records them once for the whole send. Each recipient still carries all of its own, so the
 * message sees the same values whichever way Braze merges the two levels.
 */
function sharedProperties(batch: MessagingTrigger[]): Record<string, string> | undefined {
  const [first, ...rest] = batch;
  const shared = Object.fromEntries(Object.entries(first!.properties).filter(([key, value]) => rest.every((t) => t.properties[key] === value)));
  return Object.keys(shared).length > 0 ? shared : undefined;
}
