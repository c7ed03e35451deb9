/**
 * Part 4, proxy throughput: valid submissions per second and latency to 202, with autocannon on
 * 127.0.0.1 (a fixed number of requests, cut short at a time limit), against
 *  - the Node proxy with its SQLite outbox (a child process, node-proxy.ts), and
 *  - the Cloudflare Worker in workerd (`wrangler dev --local` on wrangler.toml, submissions into the local queue).
 * Both deliver to a Braze sandbox meanwhile. CPU per submission is read from /proc for each server's
 * whole process tree; the Node handler's own CPU is also measured alone, one request at a time.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../../demo/sandbox/server.ts';
import { benchConfig } from './bench-config.ts';
import { submitLoad, type LoadResult } from './load.ts';
import { treeCpuMs } from './proc-cpu.ts';
import type { Section } from './report.ts';
import { ms, num, ratio, sleep } from './stats.ts';

const ORIGIN = 'http://127.0.0.1:8080';
const WARM_UP = 200;
const HANDLER_CPU_COUNT = 1000;

export interface ThroughputOptions {
  requests: number;
  seconds: number;
  log: (line: string) => void;
}

interface Measured {
  runtime: string;
  load?: LoadResult;
  serverCpuMsPerSubmission?: number;
  handlerCpuMsPerSubmission?: number;
  notMeasured?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function nextMessage<T>(child: ChildProcess, type: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${type}" message from the child within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the child exited (${code}) before sending "${type}"`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function loadAndCpu(pid: number, url: string, options: ThroughputOptions, tag: string) {
  await submitLoad({ url, origin: ORIGIN, amount: WARM_UP, seconds: options.seconds, tag: `${tag}-warm` });
  const before = treeCpuMs(pid);
  const load = await submitLoad({ url, origin: ORIGIN, amount: options.requests, seconds: options.seconds, tag });
  const cpu = treeCpuMs(pid) - before;
  return { load, serverCpuMsPerSubmission: load.accepted ? cpu / load.accepted : NaN };
}

async function measureNode(brazeUrl: string, synchronous: 'FULL' | 'NORMAL', options: ThroughputOptions): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'inlet-bench-outbox-'));
  const child = fork(fileURLToPath(new URL('./node-proxy.ts', import.meta.url)), {
    env: { ...process.env, BENCH_BRAZE_URL: brazeUrl, BENCH_OUTBOX: join(dir, 'outbox.sqlite'), BENCH_ORIGIN: ORIGIN, BENCH_SYNC: synchronous },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { url } = await nextMessage<{ url: string }>(child, 'ready');
    const measured = await loadAndCpu(child.pid!, url, options, `node-${synchronous}`);
    child.send({ type: 'handler-cpu', count: HANDLER_CPU_COUNT });
    const cpu = await nextMessage<{ accepted: number; cpuMs: number }>(child, 'handler-cpu');
    if (cpu.accepted !== HANDLER_CPU_COUNT) throw new Error(`the handler accepted ${cpu.accepted} of ${HANDLER_CPU_COUNT} sequential submissions`);
    return { runtime: `Node, SQLite outbox, synchronous=${synchronous}${synchronous === 'FULL' ? ' (default)' : ''}`, ...measured, handlerCpuMsPerSubmission: cpu.cpuMs / cpu.accepted };
  } finally {
    if (child.exitCode === null) {
      child.send({ type: 'close' });
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the Worker needs locally; a missing piece means "not measured", with the reason. */
function workerMissing(): string | undefined {
  for (const file of ['wrangler.toml', 'proxy/adapters/cloudflare/worker.ts', 'node_modules/wrangler/bin/wrangler.js', 'dist/widget/inlet.js']) {
    if (!existsSync(file)) return `${file} is missing`;
  }
  return undefined;
}

async function measureWorker(brazeUrl: string, options: ThroughputOptions): Promise<Measured> {
  const runtime = 'Cloudflare Worker in workerd (wrangler dev --local, Queues)';
  const missing = workerMissing();
  if (missing) return { runtime, notMeasured: missing };
  const dir = mkdtempSync(join(tmpdir(), 'inlet-bench-wrangler-'));
  const port = await freePort();
  const config = JSON.stringify(benchConfig({ origins: [ORIGIN] }));
  const args = ['node_modules/wrangler/bin/wrangler.js', 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', dir, '--show-interactive-dev-session=false', '--log-level', 'warn'];
  for (const [name, value] of Object.entries({ BRAZE_REST_ENDPOINT: brazeUrl, BRAZE_API_KEY: 'bench', INLET_CONFIG: config, INLET_CONFIG_TTL_SECONDS: '3600' })) {
    args.push('--var', `${name}:${value}`);
  }
  // No CLOUDFLARE_CF_FETCH: miniflare would otherwise fetch Request.cf from workers.cloudflare.com.
  // Its own process group, so workerd goes down with wrangler.
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1' } });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}): ${stderr.trim().split('\n').slice(-5).join(' / ')}`);
      const ok = await fetch(`${url}/v1/sites/shop/forms`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`wrangler dev did not serve ${url} within 90 s: ${stderr.trim().split('\n').slice(-5).join(' / ')}`);
      await sleep(300);
    }
    const measured = await loadAndCpu(child.pid!, url, options, 'worker');
    return { runtime, ...measured };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureProxyThroughput(options: ThroughputOptions): Promise<Section> {
  const sandbox = await startSandbox({ port: 0, apiKey: 'bench', maxLoggedRequests: 100 });
  let results: Measured[];
  try {
    const node = await measureNode(sandbox.url, 'FULL', options);
    options.log(`throughput node FULL: ${node.load?.perSecond.toFixed(0)} submissions/s`);
    const normal = await measureNode(sandbox.url, 'NORMAL', options);
    options.log(`throughput node NORMAL: ${normal.load?.perSecond.toFixed(0)} submissions/s`);
    const worker = await measureWorker(sandbox.url, options);
    options.log(`throughput worker: ${worker.load ? worker.load.perSecond.toFixed(0) + ' submissions/s' : worker.notMeasured}`);
    results = [node, normal, worker];
  } finally {
    await sandbox.close();
  }
  const base = results[0]!.load?.perSecond ?? NaN;
  const rows = results.map((r) =>
    r.load
      ? [
          r.runtime,
          num(r.load.sent),
          num(r.load.accepted),
          num(r.load.perSecond),
          ratio(r.load.perSecond, base),
          ms(r.load.p50, 0),
          ms(r.load.p99, 0),
          ms(r.serverCpuMsPerSubmission ?? NaN, 2),
          r.handlerCpuMsPerSubmission === undefined ? 'n/a' : ms(r.handlerCpuMsPerSubmission, 2),
        ]
      : [r.runtime, `not measured: ${r.notMeasured}`, '', '', '', '', '', '', ''],
  );
  const refused = results.flatMap((r) => (r.load && (Object.keys(r.load.other).length || r.load.errors) ? [`${r.runtime}: ${JSON.stringify(r.load.other)} non-202 answers, ${r.load.errors} errors/timeouts`] : []));
  return {
    id: 'proxy-throughput',
    title: '4. Proxy throughput',
    tables: [
      {
        caption: `autocannon, 10 connections, ${options.requests} distinct valid submissions (cut at ${options.seconds} s) after ${WARM_UP} warm-up ones; ratio to the first row.`,
        columns: ['runtime', 'sent', '202', 'valid submissions/s', 'ratio', 'p50 ms to 202', 'p99 ms to 202', 'server CPU ms / submission', 'handler CPU ms / submission'],
        rows,
      },
    ],
    notes: [
      'Server CPU: user + system time of the server\'s whole process tree (/proc) during the load, divided by the 202s; it includes the HTTP server and delivery to the Braze sandbox running meanwhile (for the Worker: wrangler, workerd and the local queue).',
      `Handler CPU (Node only): ${HANDLER_CPU_COUNT} submissions through the handler one at a time, delivery worker stopped, process.cpuUsage() per submission: validation, mapping and the outbox write. \`synchronous=FULL\` fsyncs each accepted sign-up (survives a power cut); \`NORMAL\` survives a process crash. workerd reports no CPU time per request locally.`,
      'The load generator, the Braze sandbox and the server share this machine\'s cores.',
      ...(refused.length ? refused : ['Every request was answered 202.']),
    ],
    data: results,
  };
}
