/**
 * Loads the built-in strings for one language. Each `import()` is its own chunk: a French visitor
 * fetches `fr-*.js` and nothing else.
 */
import type { UiStrings } from './strings.ts';

export type { UiStrings, StringKey } from './strings.ts';

const LOADERS: Record<string, () => Promise<{ default: UiStrings }>> = {
  en: () => import('./en.ts'),
  fr: () => import('./fr.ts'),
  pt: () => import('./pt.ts'),
  es: () => import('./es.ts'),
  de: () => import('./de.ts'),
  it: () => import('./it.ts'),
  nl: () => import('./nl.ts'),
  pl: () => import('./pl.ts'),
  ja: () => import('./ja.ts'),
  ar: () => import('./ar.ts'),
  he: () => import('./he.ts'),
};

/** Languages written right to left; a form in one of them gets `dir="rtl"`. */
export const RTL = ['ar', 'he', 'fa', 'ur'];

/** Languages with built-in strings; any other falls back to English. */
export const UI_LANGUAGES = Object.keys(LOADERS);

export async function loadStrings(lang: string): Promise<UiStrings> {
  const load = LOADERS[lang.slice(0, 2).toLowerCase()] ?? LOADERS.en!;
  return (await load()).default;
}
