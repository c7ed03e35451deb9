/** The sandbox's whole state: plain JSON, so it can be inspected and persisted as is. */
import type { Clock } from './clock.ts';
import type { AttributeType, Channel } from './options.ts';

export type GlobalState = 'opted_in' | 'subscribed' | 'unsubscribed';
export type GroupState = 'subscribed' | 'unsubscribed';
export interface UserAlias {
  alias_name: string;
  alias_label: string;
}
export interface StoredEvent {
  name: string;
  time: string;
  properties: Record<string, unknown>;
}
export interface StoredPurchase {
  product_id: string;
  currency: string;
  price: number;
  quantity: number;
  time: string;
  properties: Record<string, unknown>;
}
export interface Profile {
  braze_id: string;
  external_id?: string;
  user_aliases: UserAlias[];
  email?: string;
  phone?: string;
  /** Standard (other than email/phone) and custom attributes. */
  attributes: Record<string, unknown>;
  email_subscribe: GlobalState;
  push_subscribe: GlobalState;
  subscription_groups: Record<string, GroupState>;
  events: StoredEvent[];
  purchases: StoredPurchase[];
  data_points: number;
  created_at: number;
  updated_at: number;
}
/** A group state set for an address no profile has yet (§4 "orphaned subscription states"). */
export interface Orphan {
  channel: Channel;
  address: string;
  group: string;
  state: GroupState;
  expires_at: number;
}
export interface AttributeEntry {
  name: string;
  data_type: AttributeType;
  description: string | null;
  status: 'Active' | 'Blocklisted';
  tag_names: string[];
}
export interface Dispatch {
  dispatch_id: string;
  kind: 'campaign' | 'canvas';
  target_id: string;
  broadcast: boolean;
  recipients: { identifier: string; braze_id: string | null; sent: boolean; reason?: string }[];
  properties: Record<string, unknown>;
  at: number;
}
export interface State {
  profiles: Profile[];
  orphans: Orphan[];
  attributes: Record<string, AttributeEntry>;
  dispatches: Dispatch[];
  data_points_total: number;
  next_id: number;
}

/** Orphaned states live 30 days (§4). */
export const ORPHAN_TTL_MS = 30 * 24 * 3600 * 1000;

export function emptyState(): State {
  return { profiles: [], orphans: [], attributes: {}, dispatches: [], data_points_total: 0, next_id: 1 };
}

export const sameEmail = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

export function createStore(state: State, clock: Clock) {
  const id = (prefix: string) => `${prefix}${(state.next_id++).toString(16).padStart(22, '0')}`;
  const live = (o: Orphan) => o.expires_at > clock.now();

  function inheritOrphans(profile: Profile, channel: Channel, address: string): void {
    state.orphans = state.orphans.filter(live);
    for (const orphan of state.orphans) {
      const match = channel === 'email' ? sameEmail(address, orphan.address) : orphan.address === address;
      if (orphan.channel === channel && match) profile.subscription_groups[orphan.group] = orphan.state;
    }
    state.orphans = state.orphans.filter((o) => !(o.channel === channel && (channel === 'email' ? sameEmail(address, o.address) : o.address === address)));
  }

  return {
    state,
    newId: id,
    all: () => state.profiles,
    byExternalId: (externalId: string) => state.profiles.find((p) => p.external_id === externalId),
    byBrazeId: (brazeId: string) => state.profiles.find((p) => p.braze_id === brazeId),
    byAlias: (alias: UserAlias) =>
      state.profiles.find((p) => p.user_aliases.some((a) => a.alias_name === alias.alias_name && a.alias_label === alias.alias_label)),
    withEmail: (email: string) => state.profiles.filter((p) => sameEmail(p.email, email)),
    withPhone: (phone: string) => state.profiles.filter((p) => p.phone === phone),
    create(seed: Partial<Pick<Profile, 'external_id' | 'user_aliases'>> = {}): Profile {
      const now = clock.now();
      const profile: Profile = {
        braze_id: id('65'),
        ...(seed.external_id === undefined ? {} : { external_id: seed.external_id }),
        user_aliases: seed.user_aliases ?? [],
        attributes: {},
        email_subscribe: 'subscribed',
        push_subscribe: 'subscribed',
        subscription_groups: {},
        events: [],
        purchases: [],
        data_points: 0,
        created_at: now,
        updated_at: now,
      };
      state.profiles.push(profile);
      return profile;
    },
    remove(profile: Profile): void {
      state.profiles = state.profiles.filter((p) => p !== profile);
    },
    touch(profile: Profile): void {
      profile.updated_at = Math.max(clock.now(), profile.updated_at);
    },
    /** Setting an address picks up any orphaned state stored for it (§4; SMS "a new phone inherits"). */
    setEmail(profile: Profile, email: string | null): void {
      if (email === null) return void delete profile.email;
      // Addresses match case-insensitively, so one spelling is kept (UNCERTAIN: Braze's stored casing is undocumented).
      profile.email = email.toLowerCase();
      inheritOrphans(profile, 'email', email);
    },
    setPhone(profile: Profile, phone: string | null): void {
      if (phone === null) return void delete profile.phone;
      profile.phone = phone;
      inheritOrphans(profile, 'sms', phone);
    },
    storeOrphan(channel: Channel, address: string, group: string, groupState: GroupState): void {
      state.orphans = state.orphans.filter((o) => live(o) && !(o.channel === channel && o.address === address && o.group === group));
      state.orphans.push({ channel, address, group, state: groupState, expires_at: clock.now() + ORPHAN_TTL_MS });
    },
    orphanState(channel: Channel, address: string, group: string): GroupState | undefined {
      return state.orphans.find((o) => live(o) && o.channel === channel && o.group === group && (channel === 'email' ? sameEmail(address, o.address) : o.address === address))?.state;
    },
    bill(profile: Profile, points: number): void {
      profile.data_points += points;
      state.data_points_total += points;
    },
  };
}
export type Store = ReturnType<typeof createStore>;

/** §2.2: the most recently updated profile with an external_id, else the most recently updated one. */
export function pickForLookup(profiles: Profile[]): Profile | undefined {
  const recent = (list: Profile[]) => list.reduce<Profile | undefined>((best, p) => (!best || p.updated_at >= best.updated_at ? p : best), undefined);
  return recent(profiles.filter((p) => p.external_id !== undefined)) ?? recent(profiles);
}
