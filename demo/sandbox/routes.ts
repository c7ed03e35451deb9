/** The Braze endpoints the sandbox answers, with their permission and rate-limit family (braze-api.md §1, §2.4). */
import type { Engine } from './engine.ts';
import { listAttributes } from './list-attributes.ts';
import { trigger } from './messaging.ts';
import type { Permission, RateFamily } from './options.ts';
import { getStatus, getUserStatus } from './subscription-get.ts';
import { setStatusV1, setStatusV2 } from './subscription-set.ts';
import { track } from './track.ts';
import { newAliases } from './users-alias.ts';
import { identifyUsers } from './users-identify.ts';

export interface RouteInput {
  body: unknown;
  url: URL;
}
export interface Route {
  method: 'GET' | 'POST';
  permission: Permission;
  family: RateFamily;
  /** Synchronous on purpose: notes gathered with `engine.warn` then belong to this request alone. */
  run(input: RouteInput, engine: Engine): Response;
}

export const ROUTES: Record<string, Route> = {
  'POST /users/track': { method: 'POST', permission: 'users.track', family: 'users.track', run: (i, e) => track(i.body, e) },
  'POST /users/alias/new': { method: 'POST', permission: 'users.alias.new', family: 'users.identity', run: (i, e) => newAliases(i.body, e) },
  'POST /users/identify': { method: 'POST', permission: 'users.identify', family: 'users.identity', run: (i, e) => identifyUsers(i.body, e) },
  'POST /subscription/status/set': { method: 'POST', permission: 'subscription.status.set', family: 'subscription.set', run: (i, e) => setStatusV1(i.body, e) },
  'POST /v2/subscription/status/set': { method: 'POST', permission: 'subscription.status.set', family: 'subscription.set', run: (i, e) => setStatusV2(i.body, e) },
  'GET /subscription/status/get': { method: 'GET', permission: 'subscription.status.get', family: 'default', run: (i, e) => getStatus(i.url, e) },
  'GET /subscription/user/status': { method: 'GET', permission: 'subscription.groups.get', family: 'default', run: (i, e) => getUserStatus(i.url, e) },
  'GET /custom_attributes': { method: 'GET', permission: 'custom_attributes.get', family: 'export', run: (i, e) => listAttributes(i.url, e) },
  'POST /campaigns/trigger/send': { method: 'POST', permission: 'campaigns.trigger.send', family: 'default', run: (i, e) => trigger('campaign', i.body, e) },
  'POST /canvas/trigger/send': { method: 'POST', permission: 'canvas.trigger.send', family: 'default', run: (i, e) => trigger('canvas', i.body, e) },
};

/** Exact match only: `/users/trak` and even `/users/track/` are 404 (§2.5 warns about trailing slashes). */
export const findRoute = (method: string, path: string): Route | undefined => ROUTES[`${method} ${path}`];
