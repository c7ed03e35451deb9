import { signal } from '@preact/signals-core';

export type PhoneLib = typeof import('./phone-lib.ts');

/** The phone library once loaded; components re-render when it arrives. */
export const phoneLib = signal<PhoneLib | undefined>(undefined);
let loading: Promise<PhoneLib | undefined> | undefined;

/** Starts loading the phone chunk (once). Call it when a phone field is about to render. */
export function loadPhone(): Promise<PhoneLib | undefined> {
  // On failure the field stays a plain tel input and the proxy does the checking.
  return (loading ??= import('./phone-lib.ts').then((lib) => (phoneLib.value = lib), () => ((loading = undefined), undefined)));
}

/** The visitor's country from their locale (`fr-FR` → `FR`), when it has one. */
export function localeCountry(): string | undefined {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const region = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(tag)?.[1];
    if (region) return region.toUpperCase();
  }
  return undefined;
}
