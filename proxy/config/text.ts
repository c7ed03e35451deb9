import * as z from 'zod';

/** A text shown to visitors: one string, or one string per language (`{ "fr": "…", "en": "…" }`). */
export const LocalizedText = z.union([
  z.string(),
  z.record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'language keys are ISO 639-1 codes such as "en" or "pt-BR"'), z.string()),
]);
export type LocalizedText = z.infer<typeof LocalizedText>;
