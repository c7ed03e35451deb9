/** `GET /subscription/status/get` and `GET /subscription/user/status` (braze-api.md §4). */
import type { Engine } from './engine.ts';
import { fail, json } from './http.ts';
import { pickForLookup, type GroupState, type Profile } from './store.ts';
import { BOTH_ADDRESSES } from './subscription-set.ts';
import { groupChannel } from './subscription-groups.ts';

const MAX_IDS = 50;
const MAX_LIMIT = 100;
const label = (state: GroupState | undefined) => (state === 'subscribed' ? 'Subscribed' : state === 'unsubscribed' ? 'Unsubscribed' : 'Unknown');

function externalIds(url: URL): string[] {
  return [...url.searchParams.getAll('external_id'), ...url.searchParams.getAll('external_id[]')];
}

/** The stored group state, not the effective one: a globally unsubscribed user still reads `Subscribed` (§4). */
export function getStatus(url: URL, engine: Engine): Response {
  const group = url.searchParams.get('subscription_group_id');
  if (!group) return fail(400, "'subscription_group_id' is required.");
  const ids = externalIds(url);
  const email = url.searchParams.get('email');
  const phone = url.searchParams.get('phone');
  const { store } = engine;
  // With an external_id present, only it is used (§4).
  if (ids.length > 0) {
    if (ids.length > MAX_IDS) return fail(400, `At most ${MAX_IDS} external_id values per request.`);
    const status = Object.fromEntries(ids.map((id) => [id, label(store.byExternalId(id)?.subscription_groups[group])]));
    return json(200, { status, message: 'success' });
  }
  if (email && phone) return fail(400, BOTH_ADDRESSES);
  if (!email && !phone) return fail(400, "Provide 'external_id', 'email' or 'phone'.");
  const profile = pickForLookup(email ? store.withEmail(email) : store.withPhone(phone!));
  const state = profile ? profile.subscription_groups[group] : store.orphanState(email ? 'email' : 'sms', email ?? phone!, group);
  return json(200, { status: { [email ?? phone!]: label(state) }, message: 'success' });
}

export function getUserStatus(url: URL, engine: Engine): Response {
  const ids = externalIds(url);
  const email = url.searchParams.get('email');
  const phone = url.searchParams.get('phone');
  const limit = Number(url.searchParams.get('limit') ?? MAX_LIMIT);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  if (ids.length > MAX_IDS) return fail(400, `At most ${MAX_IDS} external_id values per request.`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return fail(400, `'limit' must be an integer from 1 to ${MAX_LIMIT}.`);
  if (!Number.isInteger(offset) || offset < 0) return fail(400, "'offset' must be a non-negative integer.");
  const { store } = engine;
  let profiles: Profile[];
  if (ids.length > 0) profiles = ids.map((id) => store.byExternalId(id)).filter((p): p is Profile => p !== undefined);
  else if (email) profiles = store.withEmail(email);
  else if (phone) profiles = store.withPhone(phone);
  else return fail(400, "Provide 'external_id', 'email' or 'phone'.");
  const users = profiles.slice(offset, offset + limit).map((p) => ({
    email: p.email ?? null,
    phone: p.phone ?? null,
    external_id: p.external_id ?? null,
    // Only groups with a state change in the user's history are listed (§4).
    subscription_groups: Object.entries(p.subscription_groups).map(([id, state]) => ({
      id,
      name: engine.options.subscriptionGroups.find((g) => g.id === id)?.name ?? null,
      channel: groupChannel(engine.options, id) ?? null,
      status: label(state),
    })),
  }));
  return json(200, { users, total_count: profiles.length, message: 'success' });
}
