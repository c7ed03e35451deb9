/** Custom attribute values of braze-api.md §3: scalars, `inc`, string arrays with `add`/`remove`, objects. */
import { isStorableTime, parseTime } from './formats.ts';
import { isRecord } from './http.ts';
import { planObject, planObjectArray } from './nested-attributes.ts';
import type { AttributeType } from './options.ts';
import { change, IGNORED, type FieldPlan, type PlanContext } from './plan.ts';
import type { Profile } from './store.ts';

/** §3: custom attribute names and string values are 255 characters or fewer. */
const MAX_STRING = 255;

const onlyKeys = (value: Record<string, unknown>, allowed: string[]) => Object.keys(value).length > 0 && Object.keys(value).every((k) => allowed.includes(k));

function store(ctx: PlanContext, name: string, type: AttributeType, write: (p: Profile) => number): FieldPlan {
  return change((p) => {
    const admission = ctx.registry.admit(name, type);
    if (admission === 'ok') return write(p);
    ctx.warn(`${name}: ${admission === 'type-mismatch' ? `a ${type} is not accepted for an attribute of type ${ctx.registry.typeOf(name)}` : admission}, not stored`);
    return 0;
  });
}

/** Re-adding a value moves it to the end; beyond the maximum the oldest are dropped (§3 "Array of strings"). */
function pushUnique(list: unknown[], values: unknown[], max: number): unknown[] {
  const out = [...list];
  for (const v of values) {
    const at = out.indexOf(v);
    if (at >= 0) out.splice(at, 1);
    out.push(v);
  }
  return out.slice(Math.max(0, out.length - max));
}

function planString(name: string, value: string, ctx: PlanContext): FieldPlan {
  const ms = parseTime(value);
  const isTime = ms !== undefined && isStorableTime(ms) && ctx.registry.typeOf(name) !== 'String';
  if (isTime) return store(ctx, name, 'Time', (p) => ((p.attributes[name] = new Date(ms).toISOString()), 1));
  if (value.length > MAX_STRING && ctx.options.longStrings === 'drop') return ctx.warn(`${name}: longer than 255 characters, not applied`), IGNORED;
  return store(ctx, name, 'String', (p) => ((p.attributes[name] = value.slice(0, MAX_STRING)), 1));
}

function planArrayOps(name: string, value: Record<string, unknown>, ctx: PlanContext): FieldPlan {
  const add = Array.isArray(value.add) ? value.add : [];
  const remove = Array.isArray(value.remove) ? value.remove : [];
  if (![...add, ...remove].every((v) => typeof v === 'string')) return ctx.warn(`${name}: add/remove take strings only, ignored`), IGNORED;
  return store(ctx, name, 'Array', (p) => {
    const current = Array.isArray(p.attributes[name]) ? (p.attributes[name] as unknown[]) : [];
    p.attributes[name] = pushUnique(current, add, ctx.options.maxArrayLength).filter((v) => !remove.includes(v));
    // §8: each added value costs 1; any array update costs at least 1, even one that changes nothing.
    return Math.max(1, add.length + remove.length);
  });
}

export function planCustom(rawName: string, value: unknown, ctx: PlanContext): FieldPlan {
  const name = rawName.trim();
  if (name === '' || name.length > MAX_STRING) return ctx.warn(`custom attribute name ${JSON.stringify(rawName)} is empty or over 255 characters, ignored`), IGNORED;
  if (value === null) {
    return change((p) => {
      if (ctx.registry.typeOf(name) !== undefined && ctx.registry.admit(name, ctx.registry.typeOf(name)!) === 'blocklisted') return 0;
      delete p.attributes[name];
      return 1;
    });
  }
  if (typeof value === 'string') return planString(name, value, ctx);
  if (typeof value === 'number' && Number.isFinite(value)) return store(ctx, name, 'Number', (p) => ((p.attributes[name] = value), 1));
  if (typeof value === 'boolean') return store(ctx, name, 'Boolean', (p) => ((p.attributes[name] = value), 1));
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return store(ctx, name, 'Array', (p) => ((p.attributes[name] = pushUnique([], value, ctx.options.maxArrayLength)), 1));
    if (value.every(isRecord)) return planObjectArray(name, value, ctx);
    return ctx.warn(`${name}: an array must hold only strings or only objects, ignored`), IGNORED;
  }
  if (isRecord(value)) {
    if (onlyKeys(value, ['inc']) && typeof value.inc === 'number') {
      const by = value.inc;
      return store(ctx, name, 'Number', (p) => {
        const current = p.attributes[name];
        p.attributes[name] = (typeof current === 'number' ? current : 0) + by;
        return 1;
      });
    }
    if (onlyKeys(value, ['add', 'remove'])) return planArrayOps(name, value, ctx);
    if (onlyKeys(value, ['$add', '$remove', '$update'])) return planObjectArray(name, value, ctx);
    if (onlyKeys(value, ['$time'])) {
      const ms = parseTime(value.$time);
      if (ms === undefined) return ctx.warn(`${name}: invalid $time, ignored`), IGNORED;
      return store(ctx, name, 'Time', (p) => ((p.attributes[name] = new Date(ms).toISOString()), 1));
    }
    return planObject(name, value, ctx);
  }
  return ctx.warn(`${name}: unsupported value, ignored`), IGNORED;
}
