/**
 * CPU per submission in workerd: the deployable bundle (wrangler --dry-run) runs in Miniflare's
 * workerd process, and that process's CPU time (/proc/<pid>/stat, user + system, all threads) is
 * read around N submissions sent over HTTP. It is an upper bound on the handler's own CPU: it also
 * holds workerd's HTTP parsing, Miniflare's routing worker and the local queue broker.
 *
 *   node test/runtimes/worker-cpu.ts [submissions=1000]      (Linux only; prints markdown)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { startSandbox } from '../../demo/sandbox/server.ts';
import { ORIGIN, signup, signupConfig } from './fixture.ts';
import { buildWorker } from './wrangler.ts';

const KEY = 'cpu-bench-key';

export interface WorkerCpu {
  submissions: number;
  /** workerd CPU ms per request, by phase. */
  healthzMs: number;
  acceptMs: number;
  acceptAndDeliverMs: number;
  /** The same without the DELTAS and DEAD_LETTERS namespaces: Miniflare's local KV runs inside workerd, production KV does not. */
  acceptAndDeliverNoKvMs: number;
}

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** The workerd processes Miniflare started (children of this process). */
function workerdPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return stat.includes('(workerd)') && Number(fields[1]) === process.pid ? [Number(d)] : [];
      } catch {
        return [];
      }
    });
}

function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return (ticks / ticksPerSecond) * 1000;
}

async function inBatches(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await task(next++);
  }));
}

async function phase(workerPath: string, sandboxUrl: string, withConsumer: boolean, n: number, log: (line: string) => void, kv = true) {
  const config = signupConfig();
  config.sites.shop = { ...config.sites.shop, rateLimit: { perIpPerMinute: 100_000 } } as typeof config.sites.shop;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      modules: true,
      scriptPath: workerPath,
      modulesRoot: dirname(workerPath),
      compatibilityDate: '2026-10-01',
      compatibilityFlags: ['nodejs_compat'],
      kvNamespaces: kv ? ['FORMS', 'DELTAS', 'DEAD_LETTERS'] : ['FORMS'],
      queueProducers: { QUEUE: { queueName: 'inlet-submissions' } },
      ...(withConsumer ? { queueConsumers: { 'inlet-submissions': { maxBatchSize: 37, maxBatchTimeout: 0.05 } } } : {}),
      bindings: { BRAZE_REST_ENDPOINT: sandboxUrl, BRAZE_API_KEY: KEY, INLET_CONFIG_TTL_SECONDS: '30' },
    }),
  );
  try {
    const url = (await mf.ready).toString().replace(/\/$/, '');
    const forms = (await mf.getKVNamespace('FORMS')) as unknown as { put(key: string, value: string): Promise<void> };
    await forms.put('config', JSON.stringify(config));
    const pids = workerdPids();
    if (pids.length === 0) throw new Error('no workerd process found among this process’s children');
    const submit = async () => {
      const response = await fetch(`${url}/v1/submissions`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body: JSON.stringify(signup('cpu').body) });
      if (response.status !== 202) throw new Error(`submission answered ${response.status}: ${await response.text()}`);
    };
    await inBatches(200, 4, submit); // warm-up: JIT, config cache, connections
    const profilesBefore = withConsumer ? await countUsers(sandboxUrl) : 0;

    let healthzMs = 0;
    if (!withConsumer) {
      const before = cpuMs(pids);
      await inBatches(n, 4, async () => void (await (await fetch(`${url}/healthz`)).arrayBuffer()));
      healthzMs = (cpuMs(pids) - before) / n;
    }
    const before = cpuMs(pids);
    await inBatches(n, 4, submit);
    if (withConsumer) {
      const deadline = Date.now() + 120_000;
      while ((await countUsers(sandboxUrl)) < profilesBefore + n) {
        if (Date.now() > deadline) throw new Error('the consumer did not deliver every submission within 2 min');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const perSubmission = (cpuMs(pids) - before) / n;
    log(`${withConsumer ? 'accept + deliver' : 'accept'}${kv ? '' : ' (no DELTAS/DEAD_LETTERS)'}: ${perSubmission.toFixed(2)} ms CPU per submission`);
    return { healthzMs, perSubmission };
  } finally {
    await mf.dispose();
  }
}

async function countUsers(sandboxUrl: string): Promise<number> {
  return ((await (await fetch(`${sandboxUrl}/_sandbox/users`)).json()) as { users: unknown[] }).users.length;
}

export async function measureWorkerCpu(options: { submissions: number; log?: (line: string) => void }): Promise<WorkerCpu> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const outdir = mkdtempSync(join(tmpdir(), 'inlet-worker-cpu-'));
  const sandbox = await startSandbox({ port: 0, apiKey: KEY, rateLimits: { 'users.track': { limit: 1_000_000, windowMs: 1000 } } });
  try {
    const build = await buildWorker(outdir);
    const accept = await phase(build.path, sandbox.url, false, options.submissions, log);
    const full = await phase(build.path, sandbox.url, true, options.submissions, log);
    const noKv = await phase(build.path, sandbox.url, true, options.submissions, log, false);
    return {
      submissions: options.submissions,
      healthzMs: accept.healthzMs,
      acceptMs: accept.perSubmission,
      acceptAndDeliverMs: full.perSubmission,
      acceptAndDeliverNoKvMs: noKv.perSubmission,
    };
  } finally {
    await sandbox.close();
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const submissions = Number(process.argv[2] ?? 1000);
  const result = await measureWorkerCpu({ submissions });
  console.log(`| workerd CPU per request (N = ${result.submissions}, upper bound) | ms |
|---|---:|
| GET /healthz (HTTP + routing floor) | ${result.healthzMs.toFixed(2)} |
| POST /v1/submissions → 202 (validate, consent, map, Queue send) | ${result.acceptMs.toFixed(2)} |
| same, plus the consumer delivering it in batches to Braze (deltas + ids in local KV) | ${result.acceptAndDeliverMs.toFixed(2)} |
| same, consumer without the DELTAS / DEAD_LETTERS namespaces | ${result.acceptAndDeliverNoKvMs.toFixed(2)} |`);
}
