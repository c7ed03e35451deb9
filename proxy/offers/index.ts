/** Offers: unique codes from pools and spin-to-win prizes (docs/offers.md). */
export { createOffers, type Offers, type OfferAnswer, type OfferClaim, type ClaimInput, type OffersOptions } from './offers.ts';
export type { OfferStore, ClaimOutcome, PoolStock, PrizeCount } from './store.ts';
export { drawSegment, seededRandom } from './draw.ts';
export { signOffer, verifyOffer, type SignedFields } from './sign.ts';
export { parseCodesCsv, generateCodes } from './codes.ts';
