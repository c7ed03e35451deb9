/**
 * Secrets never sit in a config file: the config names them as `"env:NAME"` and they are resolved
 * once, at start-up, from the env record the runtime passes (Worker bindings, `process.env`, …).
 */
import * as z from 'zod';

export const SecretRef = z
  .string()
  .regex(/^env:[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'reference the secret as "env:NAME" (e.g. "env:SHOP_IDENTITY_SECRET") and set NAME in the environment; secrets never go in the config itself');

export type Env = Readonly<Record<string, string | undefined>>;

/** The value of an `env:NAME` reference, or an explanation of what to set. */
export function resolveSecret(ref: string, env: Env): { value: string } | { error: string } {
  const name = ref.slice('env:'.length);
  const value = env[name];
  if (value === undefined || value === '') return { error: `environment variable ${name} is not set; set it (as a secret on edge runtimes) or remove this setting` };
  return { value };
}
