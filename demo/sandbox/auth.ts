/** Bearer-key authentication and per-key permissions (braze-api.md §1, cases 1–2). */
import { PERMISSIONS, type Permission, type SandboxOptions } from './options.ts';

export type AuthResult = { ok: true; key: string } | { ok: false; status: 401 | 403 };

/** A quoted key, a missing scheme or an empty key is malformed, as in §1. */
const BEARER = /^Bearer ([^\s"']+)$/i;

export function createAuth(options: Pick<SandboxOptions, 'apiKey' | 'keys'>) {
  const grants = new Map<string, ReadonlySet<Permission>>([[options.apiKey, new Set(PERMISSIONS)]]);
  for (const [key, permissions] of Object.entries(options.keys)) grants.set(key, new Set(permissions));

  return function authorize(header: string | null, permission: Permission): AuthResult {
    const key = BEARER.exec(header?.trim() ?? '')?.[1];
    const granted = key === undefined ? undefined : grants.get(key);
    if (key === undefined || granted === undefined) return { ok: false, status: 401 };
    if (!granted.has(permission)) return { ok: false, status: 403 };
    return { ok: true, key };
  };
}

/** Logs show only the first characters of a key. */
export function maskKey(header: string | null): string | undefined {
  const key = BEARER.exec(header?.trim() ?? '')?.[1];
  return key === undefined ? undefined : `${key.slice(0, 4)}…`;
}
