/** Attribute updates are planned (validated) first and applied later, so a whole request can be judged before it lands. */
import type { AttributeRegistry } from './attribute-registry.ts';
import type { ObjectErrorCode } from './object-errors.ts';
import type { SandboxOptions } from './options.ts';
import type { Profile, Store } from './store.ts';

export interface Change {
  /** Nested-object updates: one invalid value drops them all for the request (§3 "Object"). */
  nested?: boolean;
  /** Applies the update and returns the data points it costs (§8). */
  apply(profile: Profile): number;
}

export type FieldPlan =
  | { kind: 'change'; change: Change }
  | { kind: 'error'; code: ObjectErrorCode }
  | { kind: 'nested-invalid'; reason: string }
  | { kind: 'ignored' };

export interface PlanContext {
  options: SandboxOptions;
  store: Store;
  registry: AttributeRegistry;
  /** Notes for the request log about what Braze would silently drop. */
  warn(message: string): void;
  /** `_merge_objects` of the object being planned. */
  mergeObjects: boolean;
}

export const change = (apply: (profile: Profile) => number, nested = false): FieldPlan => ({ kind: 'change', change: { apply, nested } });
export const error = (code: ObjectErrorCode): FieldPlan => ({ kind: 'error', code });
export const IGNORED: FieldPlan = { kind: 'ignored' };
