/**
 * The phone chunk: libphonenumber-js with its compact metadata. Imported only by phone.ts, lazily,
 * so the UI chunk never carries the metadata.
 */
export { AsYouType, getCountries, getCountryCallingCode, isValidPhoneNumber } from 'libphonenumber-js/min';
