/** Subscription-group states on profiles (braze-api.md §3 `subscription_groups`, §4). */
import { isUuid } from './formats.ts';
import { isRecord } from './http.ts';
import type { Channel, SandboxOptions } from './options.ts';
import { change, error, type FieldPlan, type PlanContext } from './plan.ts';
import { sameEmail, type GlobalState, type GroupState, type Profile, type Store } from './store.ts';

/** §4: a global change reaches up to 100 profiles sharing the email. */
const SHARED_PROFILE_CAP = 100;

export function groupChannel(options: Pick<SandboxOptions, 'subscriptionGroups'>, id: string): Channel | undefined {
  return options.subscriptionGroups.find((g) => g.id.toLowerCase() === id.toLowerCase())?.channel;
}

/** Sets a group state on `profile` and on every profile sharing its address for that channel (§3). */
export function applyGroupState(store: Store, profile: Profile, group: string, state: GroupState, channel: Channel | undefined): void {
  const sharers = (channel ?? 'email') === 'email'
    ? profile.email === undefined ? [] : store.withEmail(profile.email)
    : profile.phone === undefined ? [] : store.withPhone(profile.phone);
  for (const p of new Set([profile, ...sharers])) {
    p.subscription_groups[group] = state;
    store.touch(p);
  }
}

export function setGlobalEmailState(store: Store, profile: Profile, state: GlobalState): void {
  profile.email_subscribe = state;
  if (profile.email === undefined) return;
  const sharers = store.all().filter((p) => p !== profile && sameEmail(p.email, profile.email!));
  for (const p of sharers.slice(0, SHARED_PROFILE_CAP - 1)) p.email_subscribe = state;
}

/** One plan per item: bad items report their code, good ones still apply (§2.5 codes, case 22). */
export function planSubscriptionGroups(value: unknown, ctx: PlanContext): FieldPlan[] {
  if (!Array.isArray(value)) return [error('BAD_SUBSCRIPTION_GROUP_ARRAY')];
  return value.map((item): FieldPlan => {
    if (!isRecord(item) || item.subscription_group_id === undefined || item.subscription_state === undefined) return error('BAD_SUBSCRIPTION_GROUP_HASH');
    const id = item.subscription_group_id;
    if (!isUuid(id)) return error('BAD_SUBSCRIPTION_GROUP_ID');
    const channel = groupChannel(ctx.options, id);
    if (channel === undefined && ctx.options.unknownGroups === 'reject') return error('BAD_SUBSCRIPTION_GROUP_ID');
    if (item.subscription_state !== 'subscribed' && item.subscription_state !== 'unsubscribed') return error('BAD_SUBSCRIPTION_GROUP_STATE');
    const state: GroupState = item.subscription_state;
    if (channel === undefined) ctx.warn(`subscription group ${id} is not configured in the sandbox; stored anyway`);
    // Double opt-in confirmation is a text-message exchange the sandbox cannot hold (§4 SMS rules).
    if (channel === 'sms' && state === 'subscribed' && item.use_double_opt_in_logic === true) {
      ctx.warn(`subscription group ${id}: double opt-in requested, state stays unchanged until confirmation (not emulated)`);
      return change(() => 0);
    }
    return change((p) => (applyGroupState(ctx.store, p, id, state, channel), 0));
  });
}

/** What a person would see: a globally unsubscribed email address gets no email from any group (§4). */
export function effectiveGroups(options: Pick<SandboxOptions, 'subscriptionGroups'>, profile: Profile): Record<string, GroupState> {
  const out: Record<string, GroupState> = {};
  for (const [id, state] of Object.entries(profile.subscription_groups)) {
    const blocked = groupChannel(options, id) !== 'sms' && profile.email_subscribe === 'unsubscribed';
    out[id] = blocked ? 'unsubscribed' : state;
  }
  return out;
}
