import { describe, expect, it } from 'vitest';
import { loadStrings, UI_LANGUAGES } from '../../widget/i18n/index.ts';
import { pickLanguage } from '../../widget/ui/language.ts';
import { issueText } from '../../widget/ui/components/field-view.tsx';
import type { Field } from '../../widget/ui/form-types.ts';

describe('built-in strings', () => {
  it('exist for en, fr, pt, es and de, each with every key English has', async () => {
    expect(UI_LANGUAGES).toEqual(['en', 'fr', 'pt', 'es', 'de']);
    const en = await loadStrings('en');
    for (const lang of UI_LANGUAGES) {
      const strings = await loadStrings(lang);
      expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
      if (lang !== 'en') expect(strings.required).not.toBe(en.required);
    }
  });

  it('fall back to English for a language without them, and use the base of a regional tag', async () => {
    expect((await loadStrings('ja')).close).toBe('Close');
    expect((await loadStrings('pt-BR')).close).toBe('Fechar');
  });

  it("translate the proxy's issue codes, fill in the field's limit, and fall back to the proxy's words", async () => {
    const fr = await loadStrings('fr');
    const field = { name: 'nick', type: 'text', maxLength: 20, required: false } as Field;
    expect(issueText(field, { code: 'too_long', message: 'Use at most 20 characters.' }, fr)).toBe('Saisissez au plus 20 caractères.');
    expect(issueText(field, { code: 'invalid_country', message: 'x' }, fr)).toBe('Choisissez une des options.');
    expect(issueText(field, { code: 'identity_required', message: 'Sign in and try again.' }, fr)).toBe('Sign in and try again.');
  });
});

describe('language choice', () => {
  it("picks the visitor's first language the form offers: exact, then base, then a sibling region", () => {
    expect(pickLanguage(['en', 'fr'], ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(['en', 'pt-PT'], ['pt-BR'])).toBe('pt-PT');
    expect(pickLanguage(['en', 'pt-BR'], ['pt-BR'])).toBe('pt-BR');
  });

  it("falls back to the form's first language, and to English when the form names none", () => {
    expect(pickLanguage(['fr', 'en'], ['ja-JP'])).toBe('fr');
    expect(pickLanguage(undefined, ['fr-FR'])).toBe('en');
  });
});
