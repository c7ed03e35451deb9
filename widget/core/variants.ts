import type { PublishedForm } from '../types.ts';
import { hash } from './targeting.ts';

/**
 * The visitor's A/B variant of a form, applied. Assignment is a hash of the visitor seed and the
 * form id: sticky across pages and tabs without storing anything more.
 */
export function pickVariant(form: PublishedForm, seed: string): [form: PublishedForm, variant?: string] {
  const variants = form.variants;
  if (!variants) return [form];
  // Published weights add up to 1.
  let u = hash(seed + form.id + ':v');
  const chosen = variants.find((v) => (u -= v.weight) < 0) ?? variants[variants.length - 1]!;
  const { id, weight, ...overrides } = chosen;
  return [{ ...form, ...overrides }, id];
}
