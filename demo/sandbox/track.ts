/** `POST /users/track` (braze-api.md §2, cases 7–25). */
import { planAttributes, applyChanges, type ObjectPlan } from './attributes-object.ts';
import { planEvent, planPurchase, type Recorder } from './events.ts';
import { fail, isRecord, json, MESSAGES } from './http.ts';
import { errorType, type InputArray, type ObjectError, type ObjectErrorCode } from './object-errors.ts';
import type { Engine } from './engine.ts';
import { resolve } from './resolve.ts';
import type { Profile } from './store.ts';

const ARRAYS: readonly InputArray[] = ['attributes', 'events', 'purchases'];

interface Item {
  array: InputArray;
  index: number;
  object: Record<string, unknown>;
  /** Attributes objects carry a plan; events and purchases a recorder. */
  plan?: ObjectPlan;
  recorder?: Recorder;
}

function overLimit(lengths: number[], engine: Engine): boolean {
  const { limitMode, maxObjects } = engine.options;
  return limitMode === 'combined' ? lengths.reduce((a, b) => a + b, 0) > maxObjects : lengths.some((n) => n > maxObjects);
}

export function track(body: unknown, engine: Engine): Response {
  if (!isRecord(body)) return json(400, { message: MESSAGES.noValidData, errors: [] });
  const arrays = ARRAYS.map((name) => body[name]);
  if (arrays.some((a) => a !== undefined && !Array.isArray(a))) return json(400, { message: MESSAGES.noValidData, errors: [] });
  const lists = arrays.map((a) => (a ?? []) as unknown[]);
  if (overLimit(lists.map((l) => l.length), engine)) return fail(400, MESSAGES.maxInput);

  const errors: ObjectError[] = [];
  const report = (item: { array: InputArray; index: number }, code: ObjectErrorCode) =>
    errors.push({ type: errorType(code, engine.options.errorTypes), input_array: item.array, index: item.index });

  // Phase 1: validate every object before anything lands, so one bad nested value can drop them all (§3).
  const items: Item[] = [];
  ARRAYS.forEach((array, n) =>
    lists[n]!.forEach((object, index) => {
      if (!isRecord(object)) return report({ array, index }, 'NOT_AN_OBJECT');
      const item: Item = { array, index, object };
      if (array === 'attributes') item.plan = planAttributes(object, engine.planContext);
      else item.recorder = (array === 'events' ? planEvent : planPurchase)(object, engine.clock);
      items.push(item);
    }),
  );
  const nestedProblems = items.flatMap((i) => i.plan?.nestedProblems ?? []);
  if (nestedProblems.length > 0) engine.warn(`all nested-attribute updates in this request dropped: ${nestedProblems.join('; ')}`);

  // Phase 2: resolve and apply in order, so an object may address a profile an earlier one created.
  const processed: Record<InputArray, number> = { attributes: 0, events: 0, purchases: 0 };
  for (const item of items) {
    const { plan, recorder } = item;
    if (plan) for (const code of plan.errors) report(item, code);
    if (plan?.rejected) continue;
    if (recorder && !recorder.ok) {
      report(item, recorder.code);
      continue;
    }
    const target = resolve(item.object, engine.store, engine.options);
    if (target.kind === 'error') {
      report(item, target.code);
      continue;
    }
    processed[item.array] += 1;
    if (target.kind === 'none') {
      engine.warn(`${item.array}[${item.index}]: ${target.reason}; nothing stored`);
      continue;
    }
    apply(target.profile, item, nestedProblems.length > 0, engine);
  }

  const accepted = ARRAYS.reduce((n, a) => n + processed[a], 0);
  if (accepted === 0) return json(400, { message: MESSAGES.noValidData, errors });
  const counts = Object.fromEntries(ARRAYS.filter((_, n) => arrays[n] !== undefined).map((a) => [`${a}_processed`, processed[a]]));
  return json(201, { message: 'success', ...counts, ...(errors.length > 0 ? { errors } : {}) });
}

function apply(profile: Profile, item: Item, dropNested: boolean, engine: Engine): void {
  let points = 0;
  if (item.plan) points += applyChanges(profile, item.plan.changes.filter((c) => !(dropNested && c.nested)));
  if (item.recorder?.ok) {
    item.recorder.record(profile);
    if (engine.options.billEvents) points += 1;
  }
  engine.store.bill(profile, points);
  engine.store.touch(profile);
}
