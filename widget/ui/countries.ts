// Regions `Intl` names that are not countries (EU, UN, outlying territories) or no longer exist.
const NOT_COUNTRIES = 'ACANBUCPCQCSDDDGDYEAEUEZFXHVICNHQORHSUTATPUKUNVDXAXBXKYDYUZRZZ';

/** ISO 3166-1 alpha-2 countries, as the browser's `Intl` data knows them: no list to ship. */
export function countries(): string[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const skip = NOT_COUNTRIES.match(/../g)!;
  const found: string[] = [];
  for (let a = 65; a < 91; a++) {
    for (let b = 65; b < 91; b++) {
      const code = String.fromCharCode(a, b);
      if (names.of(code) && !skip.includes(code)) found.push(code);
    }
  }
  return found;
}

/** Languages offered by a language field that lists none. */
export const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl'];

/** Localised names for codes, sorted for the visitor's language. */
const cache = new Map<string, { value: string; label: string }[]>();

export function named(codes: readonly string[], lang: string, type: 'region' | 'language'): { value: string; label: string }[] {
  const key = `${type}${lang}${codes.join('')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([lang, 'en'], { type });
  } catch {
    names = undefined;
  }
  const list = codes.map((value) => ({ value, label: names?.of(value) ?? value })).sort((a, b) => a.label.localeCompare(b.label, lang));
  cache.set(key, list);
  return list;
}
