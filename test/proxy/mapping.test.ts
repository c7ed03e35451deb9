/** Field values and visitor context to Braze attributes, and field errors for values that do not fit. */
import { describe, expect, it } from 'vitest';
import { EMAIL_GROUP, oneSite, prepare } from './consent-fixtures.ts';

const site = {
  attributes: { interests: { type: 'string[]', mode: 'replace' }, tags: { type: 'string[]' }, score: { type: 'number' }, member_since: { type: 'date' }, vip: { type: 'boolean' }, plan: { type: 'string' } },
  context: ['utm', 'landing_page', 'referrer', 'visits', 'pages_per_session'],
};
const fields = [
  { name: 'email', type: 'email', required: true },
  { name: 'first_name', type: 'text', maxLength: 20 },
  { name: 'last_name', type: 'text' },
  { name: 'home_city', type: 'text' },
  { name: 'language', type: 'language', options: ['fr', 'en'] },
  { name: 'gender', type: 'gender' },
  { name: 'country', type: 'country' },
  { name: 'birthday', type: 'date', attribute: 'dob' },
  { name: 'interests', type: 'choices', options: ['run', 'trail', 'hike'], maxSelected: 2 },
  { name: 'tags', type: 'choices', options: ['a', 'b'] },
  { name: 'score', type: 'number', min: 0, max: 10, integer: true },
  { name: 'member_since', type: 'date' },
  { name: 'vip', type: 'boolean' },
  { name: 'plan', type: 'choice', options: ['free', { value: 'pro', label: 'Pro' }] },
  { name: 'campaign', type: 'hidden', source: 'constant', value: 'spring', attribute: 'plan_source' },
];
const config = oneSite({ ...site, attributes: { ...site.attributes, plan_source: { type: 'string' } } }, [{ fields }]);

describe('attribute mapping', () => {
  it('writes standard and custom attributes in Braze formats, with context on the first step', async () => {
    const result = await prepare(config, {
      fields: {
        email: 'ada@exämple.com', first_name: ' Ada ', last_name: 'Lovelace', home_city: 'London', language: 'FR', gender: 'F', country: 'gb',
        birthday: '1815-12-10', interests: ['trail', 'run', 'trail'], tags: ['a'], score: 7, member_since: '2024-02-29', vip: false, plan: 'pro', campaign: 'forged-by-browser',
      },
      context: { utm: { source: 'ig', medium: 'social', x: 'y' }, landing_page: `https://shop.example.com/${'a'.repeat(300)}`, referrer: 'https://google.com/', visits: 4, pages_per_session: -1 },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fields).toEqual({ birthday: [{ code: 'invalid_date', message: 'Enter a date as YYYY-MM-DD.' }] });

    const ok = await prepare(config, {
      fields: { email: 'ada@exämple.com', first_name: ' Ada ', language: 'FR', gender: 'F', country: 'gb', birthday: '1990-12-10', interests: ['trail', 'run', 'trail'], tags: ['a'], score: 7, member_since: '2024-02-29', vip: false, plan: 'pro', campaign: 'forged' },
      context: { utm: { source: 'ig', medium: 'social', x: 'y' }, landing_page: `https://shop.example.com/${'a'.repeat(300)}`, referrer: 'https://google.com/', visits: 4, pages_per_session: -1 },
    });
    if (!ok.ok) throw new Error(JSON.stringify(ok.fields));
    expect(ok.submission.attributes).toStrictEqual([
      {
        email: 'ada@xn--exmple-cua.com',
        first_name: 'Ada',
        language: 'fr',
        gender: 'F',
        country: 'GB',
        dob: '1990-12-10',
        interests: ['trail', 'run'],
        tags: { add: ['a'] },
        score: 7,
        member_since: '2024-02-29T00:00:00.000Z',
        vip: false,
        plan: 'pro',
        plan_source: 'spring',
        utm_source: 'ig',
        utm_medium: 'social',
        landing_page: `https://shop.example.com/${'a'.repeat(300)}`.slice(0, 255),
        referrer: 'https://google.com/',
        visit_count: 4,
      },
    ]);
    expect(ok.submission.identity).toBe('email:ada@xn--exmple-cua.com');
  });

  it('reads UTM parameters from the flat keys the loader sends', async () => {
    const ok = await prepare(config, {
      fields: { email: 'ada@example.com', plan: 'pro' },
      context: { utm_source: 'newsletter', utm_campaign: 'spring', landing_page: '/', visits: 2, pages_per_session: 3 },
    });
    if (!ok.ok) throw new Error(JSON.stringify(ok.fields));
    expect(ok.submission.attributes[0]).toMatchObject({ utm_source: 'newsletter', utm_campaign: 'spring', visit_count: 2, pages_per_session: 3 });
  });

  it('answers each bad value with its field and a stable code', async () => {
    const result = await prepare(config, {
      fields: { email: 'a b@x.com', first_name: 'x'.repeat(21), language: 'de', gender: 'female', country: 'XX', interests: ['run', 'trail', 'hike'], tags: ['c'], score: 7.5, member_since: '2023-02-29', vip: 'yes', plan: 'gold', shoe: 42 },
    });
    expect(result.ok || result.fields).toEqual({
      shoe: [{ code: 'unknown_field', message: '"shoe" is not a field of this form step.' }],
      email: [{ code: 'invalid_email', message: 'Enter a valid email address.' }],
      first_name: [{ code: 'too_long', message: 'Use at most 20 characters.' }],
      language: [{ code: 'invalid_language', message: 'Choose a language from the list.' }],
      gender: [{ code: 'invalid_gender', message: 'Choose one of the options.' }],
      country: [{ code: 'invalid_country', message: 'Choose a country from the list.' }],
      interests: [{ code: 'too_many', message: 'Choose at most 2.' }],
      tags: [{ code: 'invalid_option', message: 'Choose among the options.' }],
      score: [{ code: 'not_integer', message: 'Enter a whole number.' }],
      member_since: [{ code: 'invalid_date', message: 'Enter a date as YYYY-MM-DD.' }],
      vip: [{ code: 'invalid_type', message: 'Expected yes or no.' }],
      plan: [{ code: 'invalid_option', message: 'Choose one of the options.' }],
    });
  });

  it('sends no empty answers, so nothing on the profile is erased', async () => {
    const result = await prepare(config, { fields: { email: 'ada@example.com', first_name: '  ', interests: [], score: null } });
    expect(result.ok && result.submission.attributes).toStrictEqual([{ email: 'ada@example.com', plan_source: 'spring' }]);
  });
});

describe('email double opt-in', () => {
  it('leaves the email group to the confirmation Canvas and asks delivery to trigger it', async () => {
    const result = await prepare(oneSite({ subscriptionGroups: { email: EMAIL_GROUP }, consent: { emailDoubleOptIn: { canvasId: 'canvas-123' } } }, [{ fields: [{ name: 'email', type: 'email' }] }]), { fields: { email: 'ada@example.com' } });
    if (!result.ok) throw new Error('refused');
    expect(result.submission.attributes).toStrictEqual([{ email: 'ada@example.com' }]);
    expect(result.submission.triggers).toStrictEqual([{ kind: 'canvas', id: 'canvas-123', recipient: { email: 'ada@example.com' }, properties: { form_id: 'welcome', submission_id: 'sub-00000001', subscription_group_id: EMAIL_GROUP } }]);
    expect(result.submission.events[0]!.properties).toMatchObject({ consents: ['email'], email_consent: 'pending_confirmation' });
  });
});
