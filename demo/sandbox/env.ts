/** Reads the sandbox's environment variables in one place, validated with messages that name the fix. */
import { z } from 'zod';
import { faultsSchema } from './faults.ts';
import type { SandboxOptions } from './options.ts';

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(8789),
  SANDBOX_HOST: z.string().default('127.0.0.1'),
  SANDBOX_API_KEY: z.string().min(1).default('sandbox'),
  SANDBOX_SEED: z.coerce.number().int().default(1),
  SANDBOX_FAULTS: z.string().optional(),
  SANDBOX_PERSIST: z.string().min(1).optional(),
});

export type SandboxEnv = Partial<SandboxOptions> & { port: number; host: string; apiKey: string };

export function readSandboxEnv(env: Record<string, string | undefined>): SandboxEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}. Check the variable or unset it to use the default.`);
  }
  const e = parsed.data;
  let faults: SandboxOptions['faults'] = {};
  if (e.SANDBOX_FAULTS) {
    let raw: unknown;
    try {
      raw = JSON.parse(e.SANDBOX_FAULTS);
    } catch {
      throw new Error('SANDBOX_FAULTS must be JSON, e.g. {"rates":{"503":0.1},"latencyMs":200}.');
    }
    const checked = faultsSchema.safeParse(raw);
    if (!checked.success) throw new Error(`SANDBOX_FAULTS: ${checked.error.issues[0]!.path.join('.')}: ${checked.error.issues[0]!.message}`);
    faults = raw as SandboxOptions['faults'];
  }
  return {
    port: e.SANDBOX_PORT,
    host: e.SANDBOX_HOST,
    apiKey: e.SANDBOX_API_KEY,
    seed: e.SANDBOX_SEED,
    faults,
    ...(e.SANDBOX_PERSIST ? { persistPath: e.SANDBOX_PERSIST } : {}),
  };
}
