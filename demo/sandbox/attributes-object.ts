/** Plans one user attributes object (braze-api.md §3) into changes and per-object error codes. */
import { planCustom } from './custom-attributes.ts';
import type { ObjectErrorCode } from './object-errors.ts';
import type { Change, PlanContext } from './plan.ts';
import { planStandard } from './standard-attributes.ts';
import type { Profile } from './store.ts';

/** An invalid email rejects the whole object whatever `invalidField` says (§9 cases 11–12). */
const OBJECT_FATAL = new Set<ObjectErrorCode>(['EMAIL_BAD_FORMAT']);

export interface ObjectPlan {
  errors: ObjectErrorCode[];
  /** The object is rejected: nothing in it is applied. */
  rejected: boolean;
  changes: Change[];
  nestedProblems: string[];
}

export function planAttributes(object: Record<string, unknown>, ctx: Omit<PlanContext, 'mergeObjects'>): ObjectPlan {
  const context: PlanContext = { ...ctx, mergeObjects: object._merge_objects === true };
  const plan: ObjectPlan = { errors: [], rejected: false, changes: [], nestedProblems: [] };
  for (const [key, value] of Object.entries(object)) {
    for (const field of planStandard(key, value, context) ?? [planCustom(key, value, context)]) {
      if (field.kind === 'change') plan.changes.push(field.change);
      else if (field.kind === 'error') plan.errors.push(field.code);
      else if (field.kind === 'nested-invalid') plan.nestedProblems.push(field.reason);
    }
  }
  plan.rejected = plan.errors.some((code) => OBJECT_FATAL.has(code)) || (plan.errors.length > 0 && ctx.options.invalidField === 'drop-object');
  return plan;
}

/** Applies the changes and returns the data points they cost (§8). */
export function applyChanges(profile: Profile, changes: Change[]): number {
  return changes.reduce((points, change) => points + change.apply(profile), 0);
}
