/**
 * The consent rules (docs/consent.md, "Consent rules"), cell by cell:
 * {email group} × {SMS group} × {consent boxes} × {ticked} × {policy} × {SMS double opt-in}.
 * Each cell states the exact attributes object sent to /users/track, or the config error.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../proxy/config/inlet-config.ts';
import { EMAIL_GROUP, EMAIL_TEXT, NOW, SMS_GROUP, SMS_TEXT, oneSite, prepare, sha256 } from './consent-fixtures.ts';

// Expected: `email` / `sms` subscribed, `sms+dbl` with use_double_opt_in_logic, `-` nothing,
// or `refused:<reason>` for a config refused at start-up.
const MATRIX = `
email sms consent ticked policy   dbl  expected
set   set absent  no     implicit off  email sms
set   set absent  yes    implicit off  email sms
set   set present no     implicit off  -
set   set present yes    implicit off  email sms
set   set absent  no     explicit off  refused:explicit-email
set   set absent  yes    explicit off  refused:explicit-email
set   set present no     explicit off  -
set   set present yes    explicit off  email sms
set   set absent  no     implicit on   email sms+dbl
set   set absent  yes    implicit on   email sms+dbl
set   set present no     implicit on   -
set   set present yes    implicit on   email sms+dbl
set   set absent  no     explicit on   refused:explicit-email
set   set absent  yes    explicit on   refused:explicit-email
set   set present no     explicit on   -
set   set present yes    explicit on   email sms+dbl
set   unset absent  no   implicit off  email
set   unset absent  yes  implicit off  email
set   unset present no   implicit off  refused:sms-box-without-group
set   unset present yes  implicit off  refused:sms-box-without-group
set   unset absent  no   explicit off  refused:explicit-email
set   unset absent  yes  explicit off  refused:explicit-email
set   unset present no   explicit off  refused:sms-box-without-group
set   unset present yes  explicit off  refused:sms-box-without-group
set   unset absent  no   implicit on   refused:dbl-without-sms-group
set   unset absent  yes  implicit on   refused:dbl-without-sms-group
set   unset present no   implicit on   refused:sms-box-without-group
set   unset present yes  implicit on   refused:sms-box-without-group
set   unset absent  no   explicit on   refused:explicit-email
set   unset absent  yes  explicit on   refused:explicit-email
set   unset present no   explicit on   refused:sms-box-without-group
set   unset present yes  explicit on   refused:sms-box-without-group
unset set absent  no     implicit off  sms
unset set absent  yes    implicit off  sms
unset set present no     implicit off  refused:email-box-without-group
unset set present yes    implicit off  refused:email-box-without-group
unset set absent  no     explicit off  refused:explicit-sms
unset set absent  yes    explicit off  refused:explicit-sms
unset set present no     explicit off  refused:email-box-without-group
unset set present yes    explicit off  refused:email-box-without-group
unset set absent  no     implicit on   sms+dbl
unset set absent  yes    implicit on   sms+dbl
unset set present no     implicit on   refused:email-box-without-group
unset set present yes    implicit on   refused:email-box-without-group
unset set absent  no     explicit on   refused:explicit-sms
unset set absent  yes    explicit on   refused:explicit-sms
unset set present no     explicit on   refused:email-box-without-group
unset set present yes    explicit on   refused:email-box-without-group
unset unset absent  no   implicit off  -
unset unset absent  yes  implicit off  -
unset unset present no   implicit off  refused:email-box-without-group
unset unset present yes  implicit off  refused:email-box-without-group
unset unset absent  no   explicit off  -
unset unset absent  yes  explicit off  -
unset unset present no   explicit off  refused:email-box-without-group
unset unset present yes  explicit off  refused:email-box-without-group
unset unset absent  no   implicit on   refused:dbl-without-sms-group
unset unset absent  yes  implicit on   refused:dbl-without-sms-group
unset unset present no   implicit on   refused:email-box-without-group
unset unset present yes  implicit on   refused:email-box-without-group
unset unset absent  no   explicit on   refused:dbl-without-sms-group
unset unset absent  yes  explicit on   refused:dbl-without-sms-group
unset unset present no   explicit on   refused:email-box-without-group
unset unset present yes  explicit on   refused:email-box-without-group
`;

interface Cell {
  email: boolean;
  sms: boolean;
  boxes: boolean;
  ticked: boolean;
  policy: 'implicit' | 'explicit';
  doubleOptIn: boolean;
  expected: string;
}

const cells: Cell[] = MATRIX.trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [email, sms, consent, ticked, policy, dbl, ...expected] = line.trim().split(/\s+/);
    return { email: email === 'set', sms: sms === 'set', boxes: consent === 'present', ticked: ticked === 'yes', policy: policy as Cell['policy'], doubleOptIn: dbl === 'on', expected: expected.join(' ') };
  });

const REFUSALS: Record<string, RegExp> = {
  'explicit-email': /forms\[welcome\]\.steps\[0\]\.fields\[0\]\.type: sites\.shop\.consent\.email is "explicit", so a form that asks for an email must show an email consent field/,
  'explicit-sms': /forms\[welcome\]\.steps\[0\]\.fields\[1\]\.type: sites\.shop\.consent\.sms is "explicit", so a form that asks for a phone must show an SMS consent field/,
  'sms-box-without-group': /forms\[welcome\]\.steps\[0\]\.fields\[3\]\.channel: an SMS consent field needs sites\.shop\.subscriptionGroups\.sms/,
  'email-box-without-group': /forms\[welcome\]\.steps\[0\]\.fields\[2\]\.channel: an email consent field needs sites\.shop\.subscriptionGroups\.email/,
  'dbl-without-sms-group': /sites\.shop\.consent\.smsDoubleOptIn: SMS double opt-in needs sites\.shop\.subscriptionGroups\.sms/,
};

function configFor(cell: Cell) {
  const fields: unknown[] = [
    { name: 'email', type: 'email', required: true },
    { name: 'phone', type: 'phone', defaultCountry: 'FR' },
  ];
  if (cell.boxes) {
    fields.push({ name: 'email_ok', type: 'consent', channel: 'email', disclosure: { en: EMAIL_TEXT }, version: 'e-2026-01' });
    fields.push({ name: 'sms_ok', type: 'consent', channel: 'sms', disclosure: { en: SMS_TEXT }, version: 's-2026-02' });
  }
  const groups = { ...(cell.email && { email: EMAIL_GROUP }), ...(cell.sms && { sms: SMS_GROUP }) };
  return oneSite({ subscriptionGroups: groups, consent: { email: cell.policy, sms: cell.policy, smsDoubleOptIn: cell.doubleOptIn } }, [
    { text: { title: { en: 'Join us' }, submit: { en: 'Sign up' } }, fields },
  ]);
}

const name = (c: Cell) =>
  `email group ${c.email ? 'set' : 'unset'}, SMS group ${c.sms ? 'set' : 'unset'}, boxes ${c.boxes ? (c.ticked ? 'ticked' : 'unticked') : `absent (${c.ticked ? 'a' : 'b'})`}, ${c.policy}, double opt-in ${c.doubleOptIn ? 'on' : 'off'} → ${c.expected}`;

describe('consent matrix', () => {
  it('covers every combination once', () => {
    const keys = new Set(cells.map((c) => JSON.stringify({ ...c, expected: undefined })));
    expect(cells).toHaveLength(64);
    expect(keys.size).toBe(64);
  });

  it.each(cells.map((c) => [name(c), c] as const))('%s', async (_, cell) => {
    const config = configFor(cell);
    if (cell.expected.startsWith('refused:')) {
      const pattern = REFUSALS[cell.expected.slice('refused:'.length)]!;
      await expect(prepare(config, {})).rejects.toThrowError(ConfigError);
      await expect(prepare(config, {})).rejects.toThrowError(pattern);
      return;
    }
    const fields: Record<string, unknown> = { email: 'Ada@Example.com', phone: '06 12 34 56 78' };
    if (cell.boxes) Object.assign(fields, { email_ok: cell.ticked, sms_ok: cell.ticked });
    const result = await prepare(config, { fields, lang: 'en', page: 'https://shop.example.com/products/trail', variant: 'b' });
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.fields)}`);

    const wanted = cell.expected.split(' ');
    const groups = [
      ...(wanted.includes('email') ? [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }] : []),
      ...(wanted.includes('sms') ? [{ subscription_group_id: SMS_GROUP, subscription_state: 'subscribed' }] : []),
      ...(wanted.includes('sms+dbl') ? [{ subscription_group_id: SMS_GROUP, subscription_state: 'subscribed', use_double_opt_in_logic: true }] : []),
    ];
    const payload = { attributes: result.submission.attributes, events: result.submission.events };
    expect(payload.attributes).toStrictEqual([
      { email: 'ada@example.com', phone: '+33612345678', ...(groups.length ? { subscription_groups: groups } : {}) },
    ]);

    const given = (channel: 'email' | 'sms') => wanted.some((w) => w.startsWith(channel));
    const kind = cell.boxes ? 'explicit' : 'implicit';
    const properties: Record<string, unknown> = {
      form_id: 'welcome',
      step: 0,
      submission_id: 'sub-00000001',
      consents: (['email', 'sms'] as const).filter(given),
      consented_at: new Date(NOW).toISOString(),
      variant: 'b',
      language: 'en',
      page_url: 'https://shop.example.com/products/trail',
    };
    for (const channel of ['email', 'sms'] as const) {
      if (given(channel)) properties[`${channel}_consent`] = kind;
      else if (cell.boxes) properties[`${channel}_consent`] = 'not_given';
      if (cell.boxes) {
        properties[`${channel}_disclosure_version`] = channel === 'email' ? 'e-2026-01' : 's-2026-02';
        properties[`${channel}_disclosure_hash`] = sha256(channel === 'email' ? EMAIL_TEXT : SMS_TEXT);
      } else if (given(channel)) {
        properties[`${channel}_disclosure_version`] = 'welcome#step0';
        properties[`${channel}_disclosure_hash`] = sha256('Join us\n\nSign up');
      }
    }
    if (wanted.includes('sms+dbl')) properties.sms_double_opt_in = true;
    expect(payload.events).toStrictEqual([{ email: 'ada@example.com', name: 'inlet_signup', time: new Date(NOW).toISOString(), properties }]);
    // Rule 4: a capture form only adds consent.
    expect(JSON.stringify(payload)).not.toContain('unsubscribed');
  });
});
