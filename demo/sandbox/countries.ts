/** Best-effort country mapping of §3 (`"Australia"` → `AU`), built from Intl instead of a table. */
const ALIASES: Record<string, string> = {
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  holland: 'NL',
  deutschland: 'DE',
  españa: 'ES',
  espana: 'ES',
  россия: 'RU',
  'south korea': 'KR',
  'north korea': 'KP',
  russia: 'RU',
  'czech republic': 'CZ',
  'ivory coast': 'CI',
};

const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

let byName: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(ALIASES));
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const A = 'A'.charCodeAt(0);
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      // Deprecated codes (DD, YU…) canonicalise to their successor; EU, UN and the like are not countries.
      if (NOT_COUNTRIES.has(code) || Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      const name = names.of(code);
      if (name && name !== code && !byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), code);
    }
  }
  return byName;
}

const codes = () => new Set(table().values());

/** ISO 3166-1 alpha-2, or null when nothing maps (§3: an unmappable value sets country to NULL, case 24). */
export function toCountryCode(value: string): string | null {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && codes().has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return table().get(trimmed.toLowerCase()) ?? null;
}
