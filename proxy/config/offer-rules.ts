/**
 * Offer checks that need the site and the form together: a form's pools exist in its site, a
 * pool's attribute is a declared string attribute, and "every spin wins" wheels have a prize in
 * every segment. Run when the config is parsed, so a bad offer stops the proxy at start-up.
 */
import type { FormConfig } from './form-schema.ts';
import type { SiteConfig } from './site-schema.ts';

type Add = (path: (string | number)[], message: string) => void;

export function checkSiteOffers(site: SiteConfig, siteId: string, add: Add): void {
  for (const [name, pool] of Object.entries(site.offers?.pools ?? {})) {
    if (pool.attribute === undefined) continue;
    const spec = site.attributes[pool.attribute];
    if (!spec) add(['offers', 'pools', name, 'attribute'], `attribute "${pool.attribute}" is not declared in sites.${siteId}.attributes; declare it there as { "type": "string" }`);
    else if (spec.type !== 'string') add(['offers', 'pools', name, 'attribute'], `attribute "${pool.attribute}" is declared as ${spec.type}; a code is a string, so declare it as { "type": "string" }`);
  }
}

export function checkFormOffer(form: FormConfig, site: SiteConfig, siteId: string, add: Add): void {
  const offer = form.offer;
  if (!offer) return;
  const pools = site.offers?.pools ?? {};
  const known = (pool: string, path: (string | number)[]) => {
    if (!(pool in pools)) add(path, `pool "${pool}" is not defined in sites.${siteId}.offers.pools; add it there (its codes come from \`npm run codes -- import\`)`);
  };
  if ('pool' in offer) return known(offer.pool, ['offer', 'pool']);
  offer.wheel.segments.forEach((segment, i) => {
    if (segment.pool !== undefined) known(segment.pool, ['offer', 'wheel', 'segments', i, 'pool']);
    if (segment.pool !== undefined && segment.code !== undefined) add(['offer', 'wheel', 'segments', i], 'give a segment a "pool" or a "code", not both');
    if (offer.wheel.everySpinWins && segment.pool === undefined && segment.code === undefined) {
      add(['offer', 'wheel', 'segments', i], 'every spin wins on this wheel, so each segment needs a "pool" or a "code"; add one, or set "everySpinWins": false');
    }
  });
}
