import { describe, expect, it } from 'vitest';
import { checkField, loadEmailRule } from '../../widget/ui/validate.ts';
import { checkField as proxyCheck } from '../../proxy/submission/field-checks.ts';
import { FormConfig, type Field } from '../../proxy/config/form-schema.ts';
import type { Value } from '../../widget/ui/form-types.ts';

// The email rule is a lazily loaded chunk; load it as a form opening would.
await loadEmailRule();

/** Fields as the proxy publishes them (defaults applied), so both sides see the same config. */
function published(fields: unknown[]): Field[] {
  const form = FormConfig.parse({ id: 'f', site: 's', steps: [{ fields }] });
  return (form.steps[0] as { fields: Field[] }).fields;
}

const [email, text, number, date, choice, choices, gender, consent] = published([
  { name: 'email', type: 'email', required: true },
  { name: 'nick', type: 'text', minLength: 2, maxLength: 5 },
  { name: 'size', type: 'number', min: 36, max: 48, integer: true },
  { name: 'dob', type: 'date' },
  { name: 'sport', type: 'choice', options: ['run', { value: 'trail', label: { en: 'Trail' } }] },
  { name: 'tags', type: 'choices', options: ['a', 'b', 'c'], minSelected: 1, maxSelected: 2 },
  { name: 'gender', type: 'gender' },
  { name: 'ok', type: 'consent', channel: 'sms', required: true, disclosure: 'text', version: 'v1' },
]);

const CASES: [Field, Value | undefined][] = [
  [email!, ''], [email!, 'ada@example.com'], [email!, 'ada@example'], [email!, 'a b@example.com'], [email!, 'ada@example.c'],
  [text!, 'a'], [text!, 'abc'], [text!, 'abcdef'],
  [number!, '40'], [number!, '40.5'], [number!, '12'], [number!, '50'],
  [date!, '1990-02-28'], [date!, '1990-02-30'], [date!, '1850-01-01'], [date!, '28/02/1990'],
  [choice!, 'trail'], [choice!, 'swim'],
  [choices!, ['a']], [choices!, ['a', 'b', 'c']], [choices!, ['z']],
  [gender!, 'F'], [gender!, 'female'],
  [consent!, true], [consent!, false],
];

/** What the client sends for a value (numbers as numbers), so the proxy judges the same thing. */
const sent = (field: Field, value: Value | undefined) => (field.type === 'number' && typeof value === 'string' ? Number(value) : value);

describe('client-side validation', () => {
  it.each(CASES.map(([f, v]) => [f.name, JSON.stringify(v), f, v] as const))('gives the proxy’s verdict for %s = %s', (_n, _v, field, value) => {
    const proxy = proxyCheck(field, sent(field, value), undefined);
    expect(checkField(field, value)).toBe('issue' in proxy ? proxy.issue.code : undefined);
  });

  it('refuses an invalid phone only once the phone library can tell', () => {
    const [phone] = published([{ name: 'phone', type: 'phone' }]);
    const value = { number: '123', country: 'FR' };
    expect(checkField(phone!, value)).toBeUndefined();
    expect(checkField(phone!, value, () => false)).toBe('invalid_phone');
  });
});
