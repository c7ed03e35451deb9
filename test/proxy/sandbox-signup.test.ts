/**
 * Sign-ups through the real handler into the Braze sandbox (in-process, no stub): the profile ends
 * up with the mapped attributes, the subscription states and the proof-of-consent event, and a
 * second sign-up with the same email lands on the same profile.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSandbox, SANDBOX_EMAIL_GROUP, SANDBOX_SMS_GROUP } from '../../demo/sandbox/index.ts';
import { createHandler } from '../../proxy/index.ts';

const ORIGIN = 'https://shop.example.com';
const KEY = 'integration-key';
const SMS_TEXT = { en: 'Text me offers. Reply STOP to cancel.', fr: 'Envoyez-moi des offres par SMS. STOP pour arrêter.' };

const config = {
  sites: {
    shop: {
      origins: [ORIGIN],
      subscriptionGroups: { email: SANDBOX_EMAIL_GROUP, sms: SANDBOX_SMS_GROUP },
      consent: { email: 'implicit', sms: 'explicit', smsDoubleOptIn: false },
      attributes: { interests: { type: 'string[]', mode: 'add' }, shoe_size: { type: 'number' }, vip: { type: 'boolean' }, next_race: { type: 'date' } },
      context: ['utm', 'visits'],
    },
  },
  forms: [
    {
      id: 'welcome',
      site: 'shop',
      languages: ['en', 'fr'],
      steps: [
        {
          fields: [
            { name: 'email', type: 'email', required: true },
            { name: 'first_name', type: 'text' },
            { name: 'interests', type: 'choices', options: ['running', 'trail', 'hiking'] },
            { name: 'shoe_size', type: 'number', min: 30, max: 50 },
            { name: 'vip', type: 'boolean' },
            { name: 'next_race', type: 'date' },
            { name: 'country', type: 'country' },
          ],
        },
        { fields: [{ name: 'phone', type: 'phone', defaultCountry: 'FR' }, { name: 'sms_ok', type: 'consent', channel: 'sms', disclosure: SMS_TEXT, version: 'sms-3' }] },
        { success: { coupon: 'WELCOME10' } },
      ],
    },
  ],
};

function setup() {
  const sandbox = createSandbox({ apiKey: KEY });
  const handler = createHandler({ config, braze: { endpoint: 'http://braze.sandbox', apiKey: KEY }, fetch: (i, init) => sandbox.fetch(new Request(i, init)), secret: 'continuation-secret' });
  let n = 0;
  const post = async (body: Record<string, unknown>) => {
    n += 1;
    const response = await handler(
      new Request('https://forms.example.com/v1/submissions', {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
        body: JSON.stringify({ id: `signup-${n.toString().padStart(4, '0')}`, site: 'shop', form: 'welcome', elapsedMs: 4000, ...body }),
      }),
      { clientIp: '203.0.113.7' },
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { sandbox, post };
}

describe('sign-ups reach the Braze sandbox', () => {
  it('stores attributes, subscription states and the consent event across both steps, on one profile', async () => {
    const { sandbox, post } = setup();
    const first = await post({
      step: 0,
      fields: { email: ' Ada@Example.COM ', first_name: 'Ada', interests: ['trail', 'running'], shoe_size: 39.5, vip: true, next_race: '2026-09-12', country: 'fr' },
      context: { utm: { source: 'newsletter', campaign: 'spring' }, visits: 3 },
      page: 'https://shop.example.com/',
      lang: 'fr',
    });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ id: 'signup-0001', status: 'accepted', continuation: expect.stringMatching(/^[\w-]+\.[\w-]+$/) });

    const second = await post({ step: 1, continuation: first.body.continuation, fields: { phone: '06 12 34 56 78', sms_ok: true }, consentVersions: { sms_ok: 'sms-3' }, lang: 'fr' });
    expect(second).toEqual({ status: 202, body: { id: 'signup-0002', status: 'accepted' } });

    const users = sandbox.users();
    expect(users).toHaveLength(1);
    const ada = users[0]!;
    expect(ada.email).toBe('ada@example.com');
    expect(ada.phone).toBe('+33612345678');
    expect(ada.attributes).toEqual({
      first_name: 'Ada',
      interests: ['trail', 'running'],
      shoe_size: 39.5,
      vip: true,
      next_race: '2026-09-12T00:00:00.000Z',
      country: 'FR',
      utm_source: 'newsletter',
      utm_campaign: 'spring',
      visit_count: 3,
    });
    expect(ada.subscription_groups).toEqual({ [SANDBOX_EMAIL_GROUP]: 'subscribed', [SANDBOX_SMS_GROUP]: 'subscribed' });
    expect(ada.events.map((e) => [e.name, e.properties.step, e.properties.consents])).toEqual([
      ['inlet_signup', 0, ['email']],
      ['inlet_signup', 1, ['sms']],
    ]);
    expect(ada.events[1]!.properties).toMatchObject({
      form_id: 'welcome',
      sms_consent: 'explicit',
      sms_disclosure_version: 'sms-3',
      sms_disclosure_hash: createHash('sha256').update(SMS_TEXT.fr).digest('hex'),
      language: 'fr',
    });
    // Nothing Braze would have dropped silently.
    expect(sandbox.requests().flatMap((r) => r.notes)).toEqual([]);
  });

  it('updates the same profile when the same email signs up again, adding interests', async () => {
    const { sandbox, post } = setup();
    expect((await post({ step: 0, fields: { email: 'ada@example.com', interests: ['trail'] } })).status).toBe(202);
    expect((await post({ step: 0, fields: { email: 'ADA@example.com', interests: ['hiking'], shoe_size: 40 } })).status).toBe(202);
    const users = sandbox.users();
    expect(users).toHaveLength(1);
    expect(users[0]!.attributes).toEqual({ interests: ['trail', 'hiking'], shoe_size: 40 });
    expect(users[0]!.events).toHaveLength(2);
  });

  it('stores a phone-only SMS box left unticked with no SMS subscription', async () => {
    const { sandbox, post } = setup();
    const first = await post({ step: 0, fields: { email: 'bo@example.com' } });
    await post({ step: 1, continuation: first.body.continuation, fields: { phone: '+351 912 345 678', sms_ok: false } });
    const [bo] = sandbox.users();
    expect(bo!.phone).toBe('+351912345678');
    expect(bo!.subscription_groups).toEqual({ [SANDBOX_EMAIL_GROUP]: 'subscribed' });
  });
});
