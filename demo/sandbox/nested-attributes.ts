/** Nested objects and arrays of objects (braze-api.md §3 "Object", "Array of objects"). */
import { jsonSize, parseTime } from './formats.ts';
import { isRecord } from './http.ts';
import { change, IGNORED, type FieldPlan, type PlanContext } from './plan.ts';
import type { Profile } from './store.ts';

/** §3: nested values and arrays of objects are capped at 100 KB. */
export const NESTED_MAX_BYTES = 100 * 1024;

/** Why a nested value is invalid, or undefined. Keys without spaces, `.` or `$`; no nulls; `$time` must parse. */
export function nestedProblem(value: unknown, path: string): string | undefined {
  if (value === null) return `${path}: null inside a nested attribute`;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = nestedProblem(item, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$time') return parseTime(value.$time) === undefined ? `${path}: invalid $time` : undefined;
  for (const key of keys) {
    if (/[\s.$]/.test(key)) return `${path}: key ${JSON.stringify(key)} contains a space, '.' or '$'`;
    const problem = nestedProblem(value[key], `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

/** §8: nested objects cost one data point per key sent, at every level (the 7-key example costs 7). */
export function countKeys(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countKeys(v), 0);
  if (!isRecord(value)) return 0;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$time') return 0;
  return keys.reduce((n, k) => n + 1 + countKeys(value[k]), 0);
}

function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const current = out[k];
    out[k] = isRecord(current) && isRecord(v) && !('$time' in v) ? deepMerge(current, v) : v;
  }
  return out;
}

function admitted(ctx: PlanContext, name: string, type: 'Object' | 'Object Array'): boolean {
  const admission = ctx.registry.admit(name, type);
  if (admission !== 'ok') ctx.warn(`${name}: ${admission}, not stored`);
  return admission === 'ok';
}

export function planObject(name: string, value: Record<string, unknown>, ctx: PlanContext): FieldPlan {
  const problem = nestedProblem(value, name);
  if (problem) return { kind: 'nested-invalid', reason: problem };
  if (jsonSize(value) > NESTED_MAX_BYTES) return ctx.warn(`${name}: over 100 KB, update dropped`), IGNORED;
  const merge = ctx.mergeObjects;
  return change((p: Profile) => {
    if (!admitted(ctx, name, 'Object')) return 0;
    const current = p.attributes[name];
    // Without `_merge_objects: true` the whole object is overwritten (§3).
    p.attributes[name] = merge && isRecord(current) ? deepMerge(current, value) : value;
    return countKeys(value);
  }, true);
}

type Identified = { $identifier_key: string; $identifier_value: unknown };
const matches = (item: unknown, id: Identified) => isRecord(item) && item[id.$identifier_key] === id.$identifier_value;
const isIdentified = (v: unknown): v is Identified => isRecord(v) && typeof v.$identifier_key === 'string' && '$identifier_value' in v;
const isUpdate = (v: unknown): v is Identified & { $new_object: Record<string, unknown> } => isIdentified(v) && isRecord((v as { $new_object?: unknown }).$new_object);

/** A whole array of objects, or `$add` / `$remove` / `$update`, applied in that order (§3). */
export function planObjectArray(name: string, value: unknown, ctx: PlanContext): FieldPlan {
  const ops = Array.isArray(value) ? { $set: value } : (value as Record<string, unknown>);
  const add = Array.isArray(ops.$add) ? ops.$add : [];
  const remove = (Array.isArray(ops.$remove) ? ops.$remove : []).filter(isIdentified);
  const update = (Array.isArray(ops.$update) ? ops.$update : []).filter(isUpdate);
  const problem = nestedProblem([...(Array.isArray(ops.$set) ? ops.$set : []), ...add, ...update.map((u) => u.$new_object)], name);
  if (problem) return { kind: 'nested-invalid', reason: problem };
  if (update.length > 0 && !ctx.mergeObjects) ctx.warn(`${name}: $update needs "_merge_objects": true, ignored`);
  const merge = ctx.mergeObjects;
  return change((p: Profile) => {
    if (!admitted(ctx, name, 'Object Array')) return 0;
    const current = p.attributes[name];
    let next: unknown[] = Array.isArray(ops.$set) ? [...ops.$set] : Array.isArray(current) ? [...current] : [];
    next.push(...add);
    next = next.filter((item) => !remove.some((r) => matches(item, r)));
    if (merge) for (const u of update) next = next.map((item) => (matches(item, u) && isRecord(item) ? deepMerge(item, u.$new_object) : item));
    if (jsonSize(next) > NESTED_MAX_BYTES) return ctx.warn(`${name}: would exceed 100 KB, update dropped`), 0;
    p.attributes[name] = next;
    const set = Array.isArray(ops.$set) ? countKeys(ops.$set) : 0;
    return set + countKeys(add) + remove.length + (merge ? update.reduce((n, u) => n + countKeys(u.$new_object), 0) : 0);
  }, true);
}
