/**
 * `npm run sandbox`: the Braze sandbox alone on 127.0.0.1:$SANDBOX_PORT (default 8789).
 * Env: SANDBOX_API_KEY, SANDBOX_SEED, SANDBOX_FAULTS (JSON, see the docs/sandbox.md, "The Braze sandbox"), SANDBOX_PERSIST (file path).
 */
import { readSandboxEnv } from './env.ts';
import { startSandbox } from './server.ts';

const env = readSandboxEnv(process.env);
const running = await startSandbox(env);

console.log(`
  Braze sandbox listening on ${running.url}
  REST endpoint   ${running.url}          (Authorization: Bearer ${env.apiKey === 'sandbox' ? 'sandbox' : '<SANDBOX_API_KEY>'})
  Inspection      ${running.url}/_sandbox/
  ${env.persistPath ? `Persisting to   ${env.persistPath}` : 'In memory (set SANDBOX_PERSIST=<file.json> to keep data across restarts)'}
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void running.close().then(() => process.exit(0)));
}
