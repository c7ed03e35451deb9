import { describe, expect, it } from 'vitest';
import { loadStrings, UI_LANGUAGES } from '../../widget/i18n/index.ts';
import { pickLanguage } from '../../widget/ui/language.ts';
import { issueText } from '../../widget/ui/components/field-view.tsx';
import type { Field } from '../../widget/ui/form-types.ts';
import { textKey } from '../../widget/i18n/field-codes.ts';
import { FIELD_CODES } from '../../proxy/errors.ts';

const ELEVEN = ['en', 'fr', 'pt', 'es', 'de', 'it', 'nl', 'pl', 'ja', 'ar', 'he'];

describe('built-in strings', () => {
  it('exist for eleven languages, each with every key English has', async () => {
    expect(UI_LANGUAGES).toEqual(ELEVEN);
    const en = await loadStrings('en');
    for (const lang of UI_LANGUAGES) {
      const strings = await loadStrings(lang);
      expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
      if (lang !== 'en') expect(strings.required).not.toBe(en.required);
      for (const [key, value] of Object.entries(strings)) expect(value.trim(), `${lang}.${key}`).not.toBe('');
    }
  });

  it('give every field code the proxy can produce a text of its own in every built-in language', async () => {
    const field = { name: 'nick', type: 'text', maxLength: 20, required: false } as Field;
    const missing: string[] = [];
    for (const lang of UI_LANGUAGES) {
      const strings = await loadStrings(lang);
      for (const code of FIELD_CODES) {
        const key = textKey(code, strings);
        // The generic error stands only for codes a well-behaved widget never causes (a malformed request).
        if ((key === 'error' && !['invalid_envelope', 'invalid_step'].includes(code)) || !strings[key]?.trim()) missing.push(`${lang}: ${code}`);
        else expect(issueText(field, { code }, strings)).not.toContain('{');
      }
    }
    expect(missing).toEqual([]);
    // The check itself: a code with neither its own string nor a shared one is reported.
    expect(textKey('brand_new_code', await loadStrings('fr'))).toBe('error');
  });


  it('fall back to English for a language without them, and use the base of a regional tag', async () => {
    expect((await loadStrings('sv')).close).toBe('Close');
    expect((await loadStrings('pt-BR')).close).toBe('Fechar');
  });

  it("translate the proxy's issue codes and fill in the field's limit, never showing the proxy's English", async () => {
    const fr = await loadStrings('fr');
    const field = { name: 'nick', type: 'text', maxLength: 20, required: false } as Field;
    expect(issueText(field, { code: 'too_long' }, fr)).toBe('Saisissez au plus 20 caractères.');
    expect(issueText(field, { code: 'invalid_country' }, fr)).toBe('Choisissez une des options.');
    expect(issueText(field, { code: 'identity_required' }, fr)).toBe('Ce formulaire est réservé aux clients connectés : connectez-vous et réessayez.');
    expect(issueText(field, { code: 'phone_required_for_sms' }, fr)).toBe('Saisissez votre numéro de mobile pour recevoir des SMS.');
    // A code from a newer proxy reads as the generic error in the visitor's language.
    expect(issueText(field, { code: 'from_the_future' as 'required' }, fr)).toBe(fr.error);
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
