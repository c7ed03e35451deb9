/** Phone numbers as people type them, to E.164 with the full libphonenumber metadata. */
import { describe, expect, it } from 'vitest';
import { PhoneField } from '../../proxy/config/form-schema.ts';
import { normalisePhone } from '../../proxy/submission/phone.ts';

const field = (extra: Record<string, unknown> = {}) => PhoneField.parse({ name: 'phone', type: 'phone', ...extra });

describe('normalisePhone', () => {
  it.each([
    ['FR', '06 12 34 56 78', '+33612345678'],
    ['FR', '06.12.34.56.78', '+33612345678'],
    ['FR', '0033 6 12 34 56 78', '+33612345678'],
    ['FR', '+33 (0)6 12 34 56 78', '+33612345678'],
    ['PT', '912 345 678', '+351912345678'],
    ['PT', '00351 912 345 678', '+351912345678'],
    ['BR', '(11) 91234-5678', '+5511912345678'],
    ['BR', '+55 11 91234 5678', '+5511912345678'],
    ['US', '(415) 555-2671', '+14155552671'],
    ['US', '415.555.2671', '+14155552671'],
    ['GB', '07911 123456', '+447911123456'],
    ['GB', '+44 7911 123456', '+447911123456'],
    ['DE', '0151 23456789', '+4915123456789'],
    ['DE', '+49 151 23456789', '+4915123456789'],
    ['IN', '98765 43210', '+919876543210'],
    ['IN', '+91-98765-43210', '+919876543210'],
  ])('reads a %s number typed as %j', (country, typed, e164) => {
    expect(normalisePhone(field({ defaultCountry: country }), typed, undefined)).toEqual({ value: e164 });
  });

  it('prefers the picked country over the default, and the default over the edge country', () => {
    expect(normalisePhone(field({ defaultCountry: 'FR' }), { number: '912 345 678', country: 'PT' }, 'US')).toEqual({ value: '+351912345678' });
    expect(normalisePhone(field({ defaultCountry: 'FR' }), '06 12 34 56 78', 'PT')).toEqual({ value: '+33612345678' });
    expect(normalisePhone(field(), '912 345 678', 'PT')).toEqual({ value: '+351912345678' });
  });

  it('refuses numbers that are not valid for the country, with a stable code', () => {
    expect(normalisePhone(field({ defaultCountry: 'FR' }), '12345', undefined)).toEqual({ issue: { code: 'invalid_phone', message: 'Enter a valid phone number.' } });
    expect(normalisePhone(field({ defaultCountry: 'US' }), '+1 555 555 5555', undefined)).toMatchObject({ issue: { code: 'invalid_phone' } });
    expect(normalisePhone(field(), '06 12 34 56 78', undefined)).toEqual({ issue: { code: 'invalid_phone', message: 'Enter a valid phone number. Start it with + and the country code.' } });
  });

  it('refuses countries outside the field\'s list', () => {
    const onlyEu = field({ countries: ['FR', 'PT'] });
    expect(normalisePhone(onlyEu, '+1 415 555 2671', undefined)).toMatchObject({ issue: { code: 'invalid_country' } });
    expect(normalisePhone(onlyEu, { number: '4155552671', country: 'US' }, undefined)).toMatchObject({ issue: { code: 'invalid_country' } });
    expect(normalisePhone(onlyEu, { number: '912345678', country: 'PT' }, undefined)).toEqual({ value: '+351912345678' });
  });
});
