/**
 * Erasure: one person out of every store Inlet keeps. Each store registers an `ErasureTarget`; the
 * CLI (`npm run forget`) and `POST /v1/admin/forget` build a subject from an email or phone number
 * normalised exactly as sign-ups are, so what was stored is what is found. Only counts are logged,
 * never the identifier. Braze keeps its own profile: the report says how to delete it there.
 */
import type { EmailField, PhoneField } from '../config/form-schema.ts';
import { checkField } from '../submission/field-checks.ts';
import type * as z from 'zod';

export interface ErasureSubject {
  /** Identity keys as sign-ups carry them: `email:…`, `phone:…`. */
  identities: string[];
  /** The normalised email and/or phone, for stores that hold them in clear (pending payloads, dead letters). */
  values: string[];
  /** Every site the config knows; stores add the sites they hold rows for. */
  sites: string[];
}

export interface ErasureTarget {
  /** `outbox`, `studio`, `analytics`…: shown in the report. */
  store: string;
  /** Removes the person; rows removed by table or kind. */
  erase(subject: ErasureSubject): Promise<Record<string, number>>;
}

export interface ErasureLogEntry {
  at: number;
  via: 'cli' | 'admin';
  removed: Record<string, number>;
}

export interface ErasureReport {
  /** Rows removed per `store/table`. */
  removed: Record<string, number>;
  total: number;
  /** What the operator still has to do in Braze. */
  braze: string[];
}

export interface ErasureRegistry {
  register(target: ErasureTarget): void;
  readonly stores: readonly string[];
  erase(subject: ErasureSubject, via: ErasureLogEntry['via'], now: number): Promise<ErasureReport>;
}

export function createErasureRegistry(options: { record?: (entry: ErasureLogEntry) => Promise<void>; log?: (line: string) => void } = {}): ErasureRegistry {
  const targets: ErasureTarget[] = [];
  const log = options.log ?? ((line: string) => console.log(line));
  return {
    register(target) {
      if (targets.some((t) => t.store === target.store)) throw new Error(`An erasure target for the ${target.store} store is registered twice.`);
      targets.push(target);
    },
    get stores() {
      return targets.map((t) => t.store);
    },
    async erase(subject, via, now) {
      const removed: Record<string, number> = {};
      for (const target of targets) for (const [table, n] of Object.entries(await target.erase(subject))) removed[`${target.store}/${table}`] = n;
      const total = Object.values(removed).reduce((a, b) => a + b, 0);
      await options.record?.({ at: now, via, removed });
      // The identifier never reaches a log line: counts only.
      log(`inlet: erased one person (${via}): ${total} row(s) from ${targets.map((t) => t.store).join(', ') || 'no store'}`);
      return { removed, total, braze: brazeSteps(subject) };
    },
  };
}

export type SubjectInput = { email?: string; phone?: string; country?: string };

const emailField = { name: 'email', type: 'email' } as z.output<typeof EmailField>;
const phoneField = { name: 'phone', type: 'phone' } as z.output<typeof PhoneField>;

/** The subject, or an error naming the field and the fix. */
export function erasureSubject(input: SubjectInput, sites: readonly string[]): { subject: ErasureSubject } | { error: string; field: string } {
  const identities: string[] = [];
  const values: string[] = [];
  if (!input.email && !input.phone) return { field: 'email', error: 'Give the email (--email) or phone number (--phone) of the person to forget.' };
  if (input.email !== undefined) {
    const checked = checkField(emailField, input.email, undefined);
    if (!('value' in checked)) return { field: 'email', error: `"email" is not a valid email address: give it as the person typed it, e.g. ana@example.com.` };
    identities.push(`email:${checked.value}`);
    values.push(String(checked.value));
  }
  if (input.phone !== undefined) {
    if (input.country !== undefined && !/^[A-Z]{2}$/.test(input.country)) return { field: 'country', error: '"country" must be a two-letter country code such as FR.' };
    const checked = checkField({ ...phoneField, ...(input.country ? { defaultCountry: input.country } : {}) } as typeof phoneField, input.phone, undefined);
    if (!('value' in checked)) return { field: 'phone', error: `"phone" is not a valid phone number: give it with its country code (+33 6 12 34 56 78) or pass the country (--country FR).` };
    identities.push(`phone:${checked.value}`);
    values.push(String(checked.value));
  }
  return { subject: { identities, values, sites: [...sites] } };
}

/** Braze's own erasure (Braze REST API: POST /users/delete, a key with users.delete). */
function brazeSteps(subject: ErasureSubject): string[] {
  const email = subject.identities.find((i) => i.startsWith('email:'))?.slice(6);
  const phone = subject.identities.find((i) => i.startsWith('phone:'))?.slice(6);
  return [
    'Inlet no longer holds this person. Braze still has their profile; delete it there too:',
    `1. Find the profile: POST <your REST endpoint>/users/export/ids with ${email ? `{"email_address": "${email}"}` : `{"phone": "${phone}"}`} (or search the dashboard), and note its external_id or braze_id.`,
    '2. Delete it: POST <your REST endpoint>/users/delete with {"external_ids": ["…"]} or {"braze_ids": ["…"]}, using an API key with the users.delete permission.',
    '3. Braze deletes asynchronously and its exports or Currents copies are not covered: handle those where they live.',
  ];
}
