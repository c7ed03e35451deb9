/**
 * What `npm run check` asks Braze: is the key good for `/users/track` (probed with an update-only
 * object for an id that does not exist, so nothing is written), which custom attributes exist with
 * which types (every page of `GET /custom_attributes`), and does Braze take each subscription group.
 * For sites with email double opt-in: may the key trigger Canvases or Campaigns (probed with an
 * empty body, which Braze refuses with 400 after checking the permission, so nothing is sent).
 */
import type { InletConfig } from '../config/inlet-config.ts';
import { BRAZE_DATA_TYPE, type CustomType } from '../config/braze-attributes.ts';
import { customAttributeTypes } from '../config/form-rules.ts';

export interface CheckLine {
  ok: boolean;
  text: string;
  /** Nothing is wrong that the check could see, but Braze offers no way to verify this (printed `?`). */
  unverified?: true;
}

export interface CheckReport {
  lines: CheckLine[];
  ok: boolean;
}

interface BrazeAttribute {
  name: string;
  data_type: string;
  status?: string;
}

export interface CheckOptions {
  endpoint: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Attributes absent from Braze are reported but do not fail the check. */
  allowMissing?: boolean;
}

export async function checkBraze(config: InletConfig, options: CheckOptions): Promise<CheckReport> {
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.endpoint.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' };
  const lines: CheckLine[] = [];
  const say = (ok: boolean, text: string) => void lines.push({ ok, text });

  // One probe object per group after the key probe, so a per-object error names its group by index.
  const groups = Object.entries(config.sites).flatMap(([site, s]) => (['email', 'sms'] as const).flatMap((channel) => (s.subscriptionGroups[channel] ? [{ site, channel, id: s.subscriptionGroups[channel]! }] : [])));
  const probeId = `inlet-check-${crypto.randomUUID()}`;
  const probe = { external_id: probeId, _update_existing_only: true };
  const trackBody = { attributes: [{ ...probe, first_name: 'inlet-check' }, ...groups.map((g) => ({ ...probe, subscription_groups: [{ subscription_group_id: g.id, subscription_state: 'subscribed' }] }))] };
  const track = await call(fetcher, `${base}/users/track`, { method: 'POST', headers, body: JSON.stringify(trackBody) });
  if (track.status === 0) {
    // Nothing to check further, and nothing to blame on the key: no server answered at all.
    say(false, `nothing answers at ${base} (${String(track.body.message ?? 'no connection')}): start the local Braze sandbox with \`npm run sandbox\` (or \`npm start\`), or set BRAZE_REST_ENDPOINT to your Braze instance's REST endpoint`);
    return { lines, ok: false };
  }
  const groupErrors = new Map<number, string>();
  if (track.status === 201 || track.status === 200) {
    say(true, 'API key accepted by /users/track (users.track permission)');
    for (const e of Array.isArray(track.body.errors) ? (track.body.errors as { index?: number; type?: string }[]) : []) if (typeof e.index === 'number') groupErrors.set(e.index, String(e.type));
  } else {
    say(false, `/users/track answered HTTP ${track.status}${track.body.message ? ` (${track.body.message})` : ''}: ${hint(track.status, 'users.track')}`);
  }

  const listed = await listAttributes(fetcher, base, headers);
  if ('error' in listed) say(false, listed.error);
  else say(true, `custom_attributes.get: ${listed.attributes.size} custom attributes listed in ${listed.pages} page(s)`);

  for (const [siteId, site] of Object.entries(config.sites)) {
    for (const [name, type] of customAttributeTypes(site)) {
      if ('error' in listed) break;
      const found = listed.attributes.get(name);
      const label = `site "${siteId}": attribute "${name}" (${type})`;
      if (!found) say(Boolean(options.allowMissing), `${label}: missing in Braze; the first sign-up creates it with an inferred type, so create it in Braze › Data Settings › Custom Attributes to fix its type`);
      else if (found.status === 'Blocklisted') say(false, `${label}: blocklisted in Braze, so its values are dropped; unblock it or remove the mapping`);
      else if (found.data_type !== BRAZE_DATA_TYPE[type as CustomType]) say(false, `${label}: wrong type, Braze has ${found.data_type} but Inlet writes ${BRAZE_DATA_TYPE[type as CustomType]}`);
      else say(true, `${label}: present`);
    }
  }
  for (const line of await checkTriggers(config, fetcher, base, headers)) lines.push(line);
  const known = track.status === 201 || track.status === 200 ? await sandboxGroups(fetcher, base) : undefined;
  groups.forEach((g, i) => {
    const label = `site "${g.site}": ${g.channel} subscription group ${g.id}`;
    if (track.status !== 201 && track.status !== 200) return say(false, `${label}: not checked (the key was refused)`);
    const error = groupErrors.get(i + 1);
    if (error) return say(false, `${label}: not found (Braze: ${error}); copy the id from Braze › Audience › Subscriptions`);
    if (!known) {
      // Braze has no endpoint listing a workspace's groups, and /users/track may store an unknown id without a word.
      return void lines.push({ ok: true, unverified: true, text: `${label}: cannot be verified: Braze's REST API lists no subscription groups, so whether this id exists and is an ${g.channel === 'sms' ? 'SMS' : 'email'} group is not known; compare it with Braze › Audience › Subscriptions` });
    }
    const group = known.find((k) => k.id.toLowerCase() === g.id.toLowerCase());
    if (!group) return say(false, `${label}: no such group in this workspace; copy the id from Braze › Audience › Subscriptions`);
    if (group.channel !== g.channel) return say(false, `${label}: this is an ${group.channel === 'sms' ? 'SMS' : group.channel} group ("${group.name}"); did you swap subscriptionGroups.email and subscriptionGroups.sms?`);
    say(true, `${label}: found`);
  });
  return { lines, ok: lines.every((l) => l.ok) };
}

/**
 * Braze authorises before it reads the body, so `{}` answers 403 without the permission and 400
 * (no `canvas_id`/`campaign_id`) with it. No id and no recipients: nothing can be sent. Whether the
 * Canvas or Campaign id exists cannot be checked without sending a message, so it is only named.
 */
async function checkTriggers(config: InletConfig, fetcher: typeof fetch, base: string, headers: Record<string, string>): Promise<CheckLine[]> {
  const uses = Object.entries(config.sites).flatMap(([site, s]) => (s.consent.emailDoubleOptIn ? [{ site, optIn: s.consent.emailDoubleOptIn }] : []));
  const lines: CheckLine[] = [];
  for (const kind of ['canvas', 'campaign'] as const) {
    const sites = uses.filter((u) => ('canvasId' in u.optIn ? 'canvas' : 'campaign') === kind);
    if (sites.length === 0) continue;
    const [path, permission] = kind === 'canvas' ? ['/canvas/trigger/send', 'canvas.trigger.send'] : ['/campaigns/trigger/send', 'campaigns.trigger.send'];
    const probe = await call(fetcher, `${base}${path}`, { method: 'POST', headers, body: '{}' });
    const ids = sites.map((u) => `site "${u.site}" ${kind} ${'canvasId' in u.optIn ? u.optIn.canvasId : u.optIn.campaignId}`).join(', ');
    if (probe.status === 400) lines.push({ ok: true, text: `${permission} permission: the key may trigger the double opt-in confirmation (${ids}; the id itself is not checked, that would send a message)` });
    else lines.push({ ok: false, text: `${path} answered HTTP ${probe.status}${probe.body.message ? ` (${probe.body.message})` : ''}: ${hint(probe.status, permission)} (needed by email double opt-in: ${ids})` });
  }
  return lines;
}

/**
 * The sandbox knows its workspace's groups and their channels (`GET /_sandbox/subscription-groups`);
 * Braze answers that path with an error, and then the groups cannot be verified.
 */
async function sandboxGroups(fetcher: typeof fetch, base: string): Promise<{ id: string; name: string; channel: string }[] | undefined> {
  const answer = await call(fetcher, `${base}/_sandbox/subscription-groups`, {});
  const groups = answer.status === 200 ? answer.body.subscription_groups : undefined;
  return Array.isArray(groups) ? (groups as { id: string; name: string; channel: string }[]) : undefined;
}

async function listAttributes(fetcher: typeof fetch, base: string, headers: Record<string, string>): Promise<{ attributes: Map<string, BrazeAttribute>; pages: number } | { error: string }> {
  const attributes = new Map<string, BrazeAttribute>();
  let url: string | undefined = `${base}/custom_attributes`;
  let pages = 0;
  // Braze pages by the Link header; its targets may be absolute or relative (braze-api.md §5).
  while (url && pages < 1_000) {
    const page = await call(fetcher, url, { headers });
    if (page.status !== 200) return { error: `GET /custom_attributes answered HTTP ${page.status}${page.body.message ? ` (${page.body.message})` : ''}: ${hint(page.status, 'custom_attributes.get')}` };
    pages += 1;
    for (const a of Array.isArray(page.body.attributes) ? (page.body.attributes as BrazeAttribute[]) : []) attributes.set(a.name, a);
    const next = /<([^>]+)>;\s*rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
    url = next ? new URL(next, `${base}/`).toString() : undefined;
  }
  return { attributes, pages };
}

async function call(fetcher: typeof fetch, url: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  try {
    const response = await fetcher(url, { ...init, signal: AbortSignal.timeout(15_000) });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, body: typeof body === 'object' && body !== null ? body : {}, headers: response.headers };
  } catch (error) {
    return { status: 0, body: { message: error instanceof Error ? error.message : String(error) }, headers: new Headers() };
  }
}

function hint(status: number, permission: string): string {
  if (status === 0) return 'Braze could not be reached; check BRAZE_REST_ENDPOINT';
  if (status === 401) return 'the key is not valid for this instance; check BRAZE_API_KEY and that BRAZE_REST_ENDPOINT is your instance';
  if (status === 403) return `the key lacks the ${permission} permission; create a key with users.track and custom_attributes.get${permission.includes('trigger') ? ` and ${permission}` : ''}`;
  if (status === 404) return 'no such endpoint; check BRAZE_REST_ENDPOINT';
  return 'unexpected answer';
}
