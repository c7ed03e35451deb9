import type { PublishedForm } from '../types.ts';

/** Arms a form's triggers; `fire` runs at most once. Returns a function that disarms them. */
export function armTriggers(form: PublishedForm, fire: () => void): () => void {
  const timers: ReturnType<typeof setTimeout>[] = [];
  let fired = false;
  const once = () => {
    if (fired) return;
    fired = true;
    disarm();
    fire();
  };
  const disarm = () => timers.forEach(clearTimeout);
  for (const trigger of form.trigger?.any ?? []) {
    if ('delay' in trigger) timers.push(setTimeout(once, trigger.delay * 1000));
  }
  return disarm;
}
