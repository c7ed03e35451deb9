/**
 * Issue 12 item 5: the proxy, the widget's own check and the sandbox accept exactly the addresses
 * Braze's documentation accepts, each checked against the hand-written table in
 * test/fixtures/braze-emails.ts. A refused address is a field error for the visitor, not a 202
 * followed by a dead letter.
 */
import { describe, expect, it } from 'vitest';
import { isValidEmail } from '../../demo/sandbox/formats.ts';
import type { Field } from '../../proxy/config/form-schema.ts';
import { checkField as proxyCheck } from '../../proxy/submission/field-checks.ts';
import { checkField as widgetCheck, loadEmailRule } from '../../widget/ui/validate.ts';

// The widget's rule is a lazily loaded chunk; load it as a form opening would.
await loadEmailRule();
import { BRAZE_EMAILS } from '../fixtures/braze-emails.ts';
import { oneSite, prepare } from './consent-fixtures.ts';

const field = { name: 'email', type: 'email', required: true } as Field;
const verdict = (ok: boolean) => (ok ? 'accepts' : 'refuses');
const table = BRAZE_EMAILS.map((c) => [c.address, c.braze, c.why] as const);

describe("Braze's email rule", () => {
  it.each(table)('the proxy: %s — Braze %s (%s)', (address, braze) => {
    expect(verdict('value' in proxyCheck(field, address, undefined))).toBe(braze);
  });

  it.each(table)("the widget's own check: %s — Braze %s (%s)", (address, braze) => {
    expect(verdict(widgetCheck(field as never, address) === undefined)).toBe(braze);
  });

  it.each(table)('the sandbox: %s — Braze %s (%s)', (address, braze) => {
    expect(verdict(isValidEmail(address))).toBe(braze);
  });

  it('sends an internationalised domain to Braze punycode-encoded, which Braze requires', () => {
    expect(proxyCheck(field, 'Jane@Bücher.com', undefined)).toEqual({ value: 'jane@xn--bcher-kva.com' });
    expect(widgetCheck(field as never, 'jane@bücher.com')).toBeUndefined();
  });

  it('answers an address Braze would refuse with a field error naming the field, not a 202', async () => {
    const result = await prepare(oneSite({}, [{ fields: [field] }, { success: {} }]), { step: 0, fields: { email: 'jane@example.123' } });
    expect(result.ok || result.fields).toEqual({ email: [{ code: 'invalid_email', message: 'Enter a valid email address.' }] });
  });
});
