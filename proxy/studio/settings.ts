/**
 * The studio's settings, from whatever record of strings a runtime has (process.env on Node, the
 * Worker's bindings): the adapters call this once at start-up; nothing else reads them.
 *
 *   INLET_STUDIO_SECRET              signs session cookies (every instance must share it)
 *   INLET_STUDIO_PUBLISHER           email of the first publisher (publisher of every site)
 *   INLET_STUDIO_PUBLISHER_PASSWORD  their password hash from `npm run studio -- hash-password`,
 *                                    or "env:NAME" naming the variable that holds it
 *   INLET_STUDIO_ORIGINS             comma-separated public origins, when a TLS proxy rewrites the URL
 */
import { resolveSecret, type Env } from '../config/secret.ts';
import { isPasswordHash } from './passwords.ts';
import type { StudioOptions } from './app.ts';

export type StudioSettings = Pick<StudioOptions, 'secret' | 'firstPublisher' | 'origins'>;

export function readStudioSettings(env: Env): StudioSettings {
  const email = env.INLET_STUDIO_PUBLISHER?.trim();
  let hash = env.INLET_STUDIO_PUBLISHER_PASSWORD?.trim();
  if (hash?.startsWith('env:')) {
    const out = resolveSecret(hash, env);
    if ('error' in out) throw new Error(`INLET_STUDIO_PUBLISHER_PASSWORD: ${out.error}`);
    hash = out.value;
  }
  if (Boolean(email) !== Boolean(hash)) throw new Error('Set both INLET_STUDIO_PUBLISHER (an email) and INLET_STUDIO_PUBLISHER_PASSWORD (from `npm run studio -- hash-password`), or neither.');
  if (hash && !isPasswordHash(hash)) throw new Error('INLET_STUDIO_PUBLISHER_PASSWORD is not a hash from `npm run studio -- hash-password` (it starts with "pbkdf2-sha256$"); never put the password itself there.');
  return {
    secret: env.INLET_STUDIO_SECRET || undefined,
    firstPublisher: email && hash ? { email, passwordHash: hash } : undefined,
    origins: env.INLET_STUDIO_ORIGINS ? env.INLET_STUDIO_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
  };
}
