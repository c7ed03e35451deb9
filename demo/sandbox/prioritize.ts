/** `prioritization` of §6 and §7: filters by identified/unidentified, then orders by update time. */
import { z } from 'zod';
import type { Profile } from './store.ts';

export const prioritizationSchema = z
  .array(z.enum(['identified', 'unidentified', 'most_recently_updated', 'least_recently_updated']))
  .min(1)
  .refine((p) => !(p.includes('identified') && p.includes('unidentified')), 'only one of identified/unidentified is allowed');
export type Prioritization = z.infer<typeof prioritizationSchema>;

/** One profile, or undefined when none matches or several tie (no send, no merge). */
export function prioritize(profiles: Profile[], order: Prioritization): Profile | undefined {
  let pool = profiles;
  for (const rule of order) {
    if (rule === 'identified') pool = pool.filter((p) => p.external_id !== undefined);
    else if (rule === 'unidentified') pool = pool.filter((p) => p.external_id === undefined);
    else {
      const sorted = [...pool].sort((a, b) => a.updated_at - b.updated_at);
      const pick = rule === 'most_recently_updated' ? sorted.at(-1) : sorted[0];
      return pick === undefined ? undefined : pick;
    }
  }
  return pool.length === 1 ? pool[0] : undefined;
}
