/** JSON views of the state for inspection (`/_sandbox/*`) and for tests. */
import type { SandboxOptions } from './options.ts';
import type { GroupState, Profile, State, StoredEvent, StoredPurchase, UserAlias, GlobalState } from './store.ts';
import { effectiveGroups } from './subscription-groups.ts';

export interface UserView {
  braze_id: string;
  external_id?: string;
  user_aliases: UserAlias[];
  email?: string;
  phone?: string;
  attributes: Record<string, unknown>;
  email_subscribe: GlobalState;
  push_subscribe: GlobalState;
  /** Stored states, as `/subscription/status/get` reports them. */
  subscription_groups: Record<string, GroupState>;
  /** What the person experiences: a global email unsubscribe mutes every email group (§4). */
  effective_subscription_groups: Record<string, GroupState>;
  events: StoredEvent[];
  purchases: StoredPurchase[];
  data_points: number;
  created_at: string;
  updated_at: string;
}

export interface DataPointsView {
  total: number;
  by_profile: { braze_id: string; external_id?: string; email?: string; data_points: number }[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function userView(p: Profile, options: SandboxOptions): UserView {
  return {
    braze_id: p.braze_id,
    ...(p.external_id === undefined ? {} : { external_id: p.external_id }),
    user_aliases: p.user_aliases.map((a) => ({ ...a })),
    ...(p.email === undefined ? {} : { email: p.email }),
    ...(p.phone === undefined ? {} : { phone: p.phone }),
    attributes: structuredClone(p.attributes),
    email_subscribe: p.email_subscribe,
    push_subscribe: p.push_subscribe,
    subscription_groups: { ...p.subscription_groups },
    effective_subscription_groups: effectiveGroups(options, p),
    events: structuredClone(p.events),
    purchases: structuredClone(p.purchases),
    data_points: p.data_points,
    created_at: iso(p.created_at),
    updated_at: iso(p.updated_at),
  };
}

export function dataPointsView(state: State): DataPointsView {
  return {
    total: state.data_points_total,
    by_profile: state.profiles.map((p) => ({
      braze_id: p.braze_id,
      ...(p.external_id === undefined ? {} : { external_id: p.external_id }),
      ...(p.email === undefined ? {} : { email: p.email }),
      data_points: p.data_points,
    })),
  };
}
