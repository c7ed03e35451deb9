/**
 * Which editor panel edits which part of a form. test/proxy/studio/schema-coverage.test.ts checks these
 * lists against the zod schema the proxy validates with: a key or field type added there and missing
 * here fails that test.
 */
export const PANELS = {
  texts: ['steps'],
  fields: ['steps'],
  success: ['steps'],
  design: ['layout', 'languages', 'theme', 'presentation'],
  // `offer`: unique codes or a spin-to-win (docs/offers.md); `holdout`: the experiment's holdout share (docs/analytics.md).
  rules: ['trigger', 'target', 'frequency', 'schedule', 'variants', 'holdout', 'offer'],
  /** Set when the form is created, never edited. */
  /** Set when the form is created; `version` is the published version, moved by publishing (docs/analytics.md). */
  fixed: ['id', 'site', 'version'],
} as const;

export const RULE_KEYS = PANELS.rules;
export const LAYOUTS = ['modal', 'slide-in', 'bar', 'fullscreen', 'inline'] as const;
export const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'top', 'bottom'] as const;
export const FIELD_TYPES = ['email', 'phone', 'text', 'number', 'date', 'choice', 'choices', 'boolean', 'language', 'gender', 'country', 'consent', 'hidden'] as const;
/** Localized texts of a field, edited in the Fields panel in the chosen language. */
export const FIELD_TEXTS = ['label', 'placeholder', 'help'] as const;
export const STEP_TEXTS = ['title', 'body', 'submit'] as const;
export const SUCCESS_TEXTS = ['title', 'body'] as const;
