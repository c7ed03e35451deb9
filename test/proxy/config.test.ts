/** Config errors are found at start-up, each naming the path and the fix. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../proxy/config/inlet-config.ts';
import { EMAIL_GROUP, SMS_GROUP, oneSite } from './consent-fixtures.ts';

const email = { name: 'email', type: 'email', required: true };
const errorsOf = (config: unknown, env = {}) => {
  try {
    parseConfig(config, { env });
    return [];
  } catch (error) {
    return (error as { issues: string[] }).issues;
  }
};

describe('site config', () => {
  it('refuses object and object[] attributes as not supported', () => {
    expect(errorsOf(oneSite({ attributes: { prefs: { type: 'object' }, orders: { type: 'object[]' } } }, [{ fields: [email] }]))).toEqual([
      'sites.shop.attributes.prefs.type: "object" attributes are not supported: Inlet writes strings, numbers, booleans, dates and string arrays only; store each value in its own attribute instead',
      'sites.shop.attributes.orders.type: "object[]" attributes are not supported: Inlet writes strings, numbers, booleans, dates and string arrays only; store each value in its own attribute instead',
    ]);
  });

  it('names unknown types, misplaced modes, bad group ids and standard names', () => {
    const issues = errorsOf(oneSite({ subscriptionGroups: { email: 'newsletter' }, attributes: { a: { type: 'text' }, b: { type: 'number', mode: 'add' }, first_name: { type: 'string' } } }, [{ fields: [email] }]));
    expect(issues).toEqual([
      'sites.shop.subscriptionGroups.email: a subscription group id is a UUID; copy it from Braze › Audience › Subscriptions',
      'sites.shop.attributes.a.type: unknown type "text"; use one of "string", "number", "boolean", "date", "string[]"',
      'sites.shop.attributes.b.mode: "mode" applies to "string[]" attributes only; remove it',
      'sites.shop.attributes.first_name: this is a Braze standard attribute, not a custom one; map a field to it without declaring it here',
    ]);
  });

  it('resolves env: secrets from the env record and says which variable is missing', () => {
    const config = oneSite({ identity: { signingSecret: 'env:SIGN' }, adminToken: 'env:ADMIN' }, [{ fields: [email] }]);
    expect(errorsOf(config, { SIGN: 's3cret' })).toEqual(['sites.shop.adminToken: environment variable ADMIN is not set; set it (as a secret on edge runtimes) or remove this setting']);
    expect(parseConfig(config, { env: { SIGN: 's3cret', ADMIN: 't0ken' } }).sites.shop).toMatchObject({ identity: { signingSecret: 's3cret' }, adminToken: 't0ken' });
    expect(errorsOf(oneSite({ identity: { signingSecret: 'hunter2' } }, [{ fields: [email] }]))[0]).toMatch(/^sites\.shop\.identity\.signingSecret: reference the secret as "env:NAME"/);
  });
});

describe('form config against its site', () => {
  it('refuses an attribute that is not declared, with the declaration to add', () => {
    expect(errorsOf(oneSite({}, [{ fields: [email, { name: 'shoe', type: 'number', attribute: 'shoe_size' }] }]))).toEqual([
      'forms[welcome].steps[0].fields[1].attribute: attribute "shoe_size" is not a Braze standard attribute and is not declared in sites.shop.attributes; declare it there (e.g. "shoe_size": { "type": "number" }) or set "attribute"',
    ]);
  });

  it('refuses a field whose type does not match its attribute', () => {
    const site = { attributes: { shoe_size: { type: 'string' } } };
    expect(errorsOf(oneSite(site, [{ fields: [email, { name: 'dob', type: 'number' }, { name: 'shoe_size', type: 'number' }, { name: 'country', type: 'text' }] }]))).toEqual([
      'forms[welcome].steps[0].fields[1].name: "dob" expects type date, got number (a "number" field); use a matching field type or map it to another attribute',
      'forms[welcome].steps[0].fields[2].name: "shoe_size" expects type string, got number (a "number" field); use a matching field type or map it to another attribute',
      'forms[welcome].steps[0].fields[3].name: "country" is written by a field of type "country" only (it checks the format Braze expects); change this field\'s type or its attribute',
    ]);
  });

  it('keeps the email in the first step and requires an address there', () => {
    expect(errorsOf(oneSite({}, [{ fields: [{ name: 'phone', type: 'phone' }] }, { fields: [email] }]))).toEqual([
      'forms[welcome].steps[1].fields[0].type: put the email field in the first step: it identifies the visitor in Braze, and an email added after that would create a second profile',
    ]);
    expect(errorsOf(oneSite({}, [{ fields: [{ name: 'first_name', type: 'text' }] }]))).toEqual([
      'forms[welcome].steps[0].fields: the first step asks for neither an email nor a phone, so visitors can only be identified by a signed external_id; add an email or phone field, or set sites.shop.identity.signingSecret',
    ]);
  });

  it('places a consent box with or after its address', () => {
    const site = { subscriptionGroups: { email: EMAIL_GROUP, sms: SMS_GROUP } };
    const sms = { name: 'sms_ok', type: 'consent', channel: 'sms', disclosure: 'Text me', version: '1' };
    expect(errorsOf(oneSite(site, [{ fields: [email, sms] }, { fields: [{ name: 'phone', type: 'phone' }] }]))).toEqual([
      'forms[welcome].steps[0].fields[1].channel: put the sms consent field in the step of the phone field or a later one',
    ]);
    expect(errorsOf(oneSite(site, [{ fields: [email, sms] }]))).toEqual(['forms[welcome].steps[0].fields[1].channel: an SMS consent field needs a phone field in the same form']);
  });

  it('refuses duplicate field names across steps', () => {
    expect(errorsOf(oneSite({}, [{ fields: [email, { name: 'first_name', type: 'text' }] }, { fields: [{ name: 'first_name', type: 'text' }] }]))).toEqual([
      'forms[welcome].steps[1].fields[0].name: field name "first_name" is already used in this form; names must be unique across all steps',
      'forms[welcome].steps[1].fields[0].name: attribute "first_name" is already written by field "first_name"; map each attribute from one field only',
    ]);
  });
});
