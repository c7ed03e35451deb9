/**
 * One shop with a code pool and two forms (a plain pool and a wheel), the same on Node and in
 * workerd, so both runtimes are held to the same answers. Kept free of Node imports.
 */
export const ORIGIN = 'https://shop.example.com';
export const EMAIL_GROUP = '4f1c0a6e-8b2d-4c3e-9a51-6d2e7f8a9b01';
export const FALLBACK = 'THANKS5';

export function offersConfig(limits: { claimsPerIpPerHour?: number } = {}) {
  return {
    sites: {
      shop: {
        origins: [ORIGIN],
        subscriptionGroups: { email: EMAIL_GROUP },
        attributes: { welcome_code: { type: 'string' } },
        rateLimit: { perIpPerMinute: 100_000 },
        offers: {
          claimsPerIpPerHour: limits.claimsPerIpPerHour ?? 100_000,
          pools: {
            welcome: { attribute: 'welcome_code', lowStock: 10, fallback: { code: FALLBACK } },
            big: { attribute: 'welcome_code', lowStock: 1, fallback: { message: { en: 'All the big prizes are gone: enjoy free shipping instead.' } } },
          },
        },
      },
    },
    forms: [
      {
        id: 'welcome',
        site: 'shop',
        offer: { pool: 'welcome' },
        steps: [{ fields: [{ name: 'email', type: 'email', required: true }, { name: 'first_name', type: 'text', attribute: 'first_name' }] }, { success: { title: 'Your code' } }],
      },
      {
        id: 'wheel',
        site: 'shop',
        offer: {
          wheel: {
            segments: [
              { label: '10% off', weight: 50, pool: 'welcome' },
              { label: 'Free shipping', weight: 30, code: 'SHIPFREE' },
              { label: '25% off', weight: 15, pool: 'big' },
              { label: '50% off', weight: 5, pool: 'big' },
            ],
          },
        },
        steps: [{ fields: [{ name: 'email', type: 'email', required: true }] }, { success: { title: 'You won' } }],
      },
    ],
  };
}

let n = 0;
export function signupBody(email: string, extra: Record<string, unknown> = {}) {
  n += 1;
  return { id: `offer-${Date.now().toString(36)}-${n}-${Math.random().toString(36).slice(2, 8)}`, site: 'shop', form: 'welcome', step: 0, fields: { email, first_name: 'Ada' }, ...extra };
}

export const poolCodes = (count: number, prefix = 'WEL') => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

export interface OfferAnswer {
  id: string;
  status: string;
  offer?: { code?: string; message?: unknown; segment?: number; signature: string };
}
