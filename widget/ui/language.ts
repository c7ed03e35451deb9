/**
 * Picks the visitor's language among the form's languages: exact tag, then base language, then a
 * sibling region (`pt-BR` → `pt-PT`), else the form's first language.
 */
export function pickLanguage(offered: readonly string[] | undefined, wanted: readonly string[]): string {
  const langs = offered?.length ? offered : ['en'];
  for (const tag of wanted) {
    const base = tag.slice(0, 2).toLowerCase();
    const match = langs.find((l) => l.toLowerCase() === tag.toLowerCase()) ?? langs.find((l) => l === base) ?? langs.find((l) => l.slice(0, 2) === base);
    if (match) return match;
  }
  return langs[0]!;
}
