/**
 * The Inlet config every bench section runs with: the demo storefront's welcome form, published on
 * two sites that differ only in their trigger, with rate limits high enough for a load generator.
 */
import { demoConfig } from '../../demo/inlet.config.ts';

/** Armed but never fires during a measurement: what the loader costs before any trigger. */
export const IDLE_SITE = 'shop';
/** Opens on page load (`delay: 0`): what the page costs once the pop-up is up. */
export const OPEN_SITE = 'shop-open';
export const FORM_ID = 'welcome';

export interface BenchConfigOptions {
  origins: string[];
  /** Per client address; the load generator sends everything from 127.0.0.1. */
  perIpPerMinute?: number;
}

export function benchConfig(options: BenchConfigOptions) {
  const demo = demoConfig({ storefrontOrigins: options.origins });
  const form = demo.forms[0]!;
  const site = { ...demo.sites.shop, rateLimit: { perIpPerMinute: options.perIpPerMinute ?? 100_000 } };
  return {
    sites: { [IDLE_SITE]: site, [OPEN_SITE]: site },
    forms: [
      { ...form, id: FORM_ID, site: IDLE_SITE, trigger: { any: [{ delay: 3600 }] } },
      { ...form, id: FORM_ID, site: OPEN_SITE, trigger: { any: [{ delay: 0 }] } },
    ],
  };
}

let counter = 0;

/** A valid first-step submission of the welcome form; `email` decides the Braze profile. */
export function submissionBody(email: string, firstName = 'Ada'): string {
  counter += 1;
  return JSON.stringify({
    id: `bench-${process.pid}-${Date.now().toString(36)}-${counter}`,
    site: IDLE_SITE,
    form: FORM_ID,
    step: 0,
    fields: { email, first_name: firstName },
    lang: 'en',
    page: 'http://127.0.0.1/',
    // A person takes seconds to fill a form; the minimum-fill-time bot check drops faster ones.
    elapsedMs: 4200,
  });
}
