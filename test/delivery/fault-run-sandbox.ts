/**
 * The Braze sandbox of the fault run in a process of its own, so the intake client does not compete
 * with it for the test process's event loop. Prints its URL, then `accepted <n>` after each accepted
 * POST: the event the test kills the proxy on.
 */
import { startSandbox } from '../../demo/sandbox/server.ts';

const running = await startSandbox({ port: 0, apiKey: process.env.RUN_BRAZE_KEY!, seed: Number(process.env.RUN_SEED), faults: JSON.parse(process.env.RUN_FAULTS!), maxLoggedRequests: 100_000 });
let accepted = 0;
running.sandbox.onChange(() => process.stdout.write(`accepted ${++accepted}\n`));
console.log(`sandbox on ${running.url}`);
