/**
 * Visitor context the loader tracked (envelope `context`), written as custom attributes when the
 * site's `context` setting asks for it. Malformed entries are skipped, never a reason to refuse.
 */
import type { BrazeAttributeValue } from '../braze/types.ts';
import type { ContextKey } from '../config/braze-attributes.ts';

const UTM = ['source', 'medium', 'campaign', 'term', 'content'] as const;

const str = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 255) : undefined);
const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1_000_000 ? value : undefined);

export function mapContext(keys: readonly ContextKey[], context: Record<string, unknown> | undefined): Record<string, BrazeAttributeValue> {
  const out: Record<string, BrazeAttributeValue> = {};
  if (!context) return out;
  const set = (name: string, value: BrazeAttributeValue | undefined) => {
    if (value !== undefined) out[name] = value;
  };
  for (const key of keys) {
    if (key === 'utm') {
      // The loader sends flat `utm_source` keys (fewer bytes to ship); a nested `utm` object is accepted too.
      const utm = typeof context.utm === 'object' && context.utm !== null ? (context.utm as Record<string, unknown>) : {};
      for (const part of UTM) set(`utm_${part}`, str(context[`utm_${part}`]) ?? str(utm[part]));
    } else if (key === 'landing_page') set('landing_page', str(context.landing_page));
    else if (key === 'referrer') set('referrer', str(context.referrer));
    else if (key === 'visits') set('visit_count', count(context.visits));
    else if (key === 'pages_per_session') set('pages_per_session', count(context.pages_per_session));
  }
  return out;
}
