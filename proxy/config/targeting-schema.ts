/**
 * When and to whom a form shows: triggers, targeting and frequency. Evaluated in the loader.
 */
import * as z from 'zod';

export const Trigger = z.union([
  z.object({ delay: z.number().min(0).max(3600) }).strict(),
]);
export type Trigger = z.infer<typeof Trigger>;

export const TriggerGroup = z.object({ any: z.array(Trigger).min(1) }).strict();
export type TriggerGroup = z.infer<typeof TriggerGroup>;
