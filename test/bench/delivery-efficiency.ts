/**
 * Part 5, delivery efficiency: the same stream of valid submissions (30 % of them repeat an earlier
 * profile unchanged) through the proxy handler into a Braze sandbox with Braze's rate limits, three ways:
 *  - forward each one: Inlet's direct delivery, one /users/track call per submission;
 *  - Inlet's SQLite outbox, batching, without delta suppression;
 *  - the same with delta suppression (attribute values Braze already holds are not sent again).
 * Counted from the sandbox: /users/track calls, data points billed, profiles; drain time from the
 * first submission to the last one delivered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox } from '../../demo/sandbox/index.ts';
import { createDirectDelivery } from '../../proxy/delivery/direct.ts';
import { createBrazeClient } from '../../proxy/braze/client.ts';
import type { Delivery } from '../../proxy/delivery/types.ts';
import { createHandler } from '../../proxy/handler.ts';
import { createNodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { benchConfig, submissionBody } from './bench-config.ts';
import type { Section } from './report.ts';
import { num, ratio, sleep } from './stats.ts';

const ORIGIN = 'http://127.0.0.1:8080';
const REPEAT_SHARE = 0.3;
const IN_FLIGHT = 32;

export interface DeliveryEfficiencyOptions {
  submissions: number;
  log: (line: string) => void;
}

/** Profile index per submission: every 10th, 3 of them (3, 6, 9) repeat an earlier profile unchanged. */
export function submissionPlan(count: number): { profiles: number; plan: number[] } {
  const plan: number[] = [];
  let profiles = 0;
  for (let i = 0; i < count; i++) {
    const repeat = profiles > 0 && [3, 6, 9].includes(i % 10);
    plan.push(repeat ? (i * 7919) % profiles : profiles++);
  }
  return { profiles, plan };
}

interface Scenario {
  label: string;
  accepted: number;
  calls: number;
  callsOk: number;
  rateLimited: number;
  drainSeconds: number;
  dataPoints: number;
  profiles: number;
}

async function runScenario(label: string, kind: 'direct' | 'outbox' | 'outbox-delta', plan: number[], log: (l: string) => void): Promise<Scenario> {
  // In process (its fetch handler, no socket): the bench measures Inlet's calls, not loopback HTTP.
  const sandbox = createSandbox({ apiKey: 'bench', maxLoggedRequests: plan.length + 1000 });
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => sandbox.fetch(new Request(input, init));
  const braze = { endpoint: 'http://braze.sandbox', apiKey: 'bench' };
  const dir = mkdtempSync(join(tmpdir(), 'inlet-bench-delivery-'));
  let delivery: Delivery;
  let pending: () => Promise<number> = async () => 0;
  let close = async () => {};
  if (kind === 'direct') {
    // A forwarding proxy sends each sign-up as it arrives: as many calls in flight as submissions.
    delivery = createDirectDelivery(createBrazeClient({ ...braze, fetch }), { delivery: { concurrency: IN_FLIGHT } });
  } else {
    // NORMAL: this section counts calls and data points; the fsync cost is in the throughput section.
    const node = await createNodeDelivery({ path: join(dir, 'outbox.sqlite'), braze, synchronous: 'NORMAL', deltas: kind === 'outbox-delta', fetch });
    delivery = node.delivery;
    pending = async () => (await node.outbox.depth()).pending;
    close = () => node.close();
  }
  const handler = createHandler({ config: benchConfig({ origins: [ORIGIN] }), braze, delivery });
  try {
    const started = performance.now();
    let next = 0;
    let accepted = 0;
    const statuses: Record<number, number> = {};
    const lane = async () => {
      while (next < plan.length) {
        const profile = plan[next++]!;
        const response = await handler(
          new Request('http://127.0.0.1/v1/submissions', {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: ORIGIN },
            body: submissionBody(`person-${profile}@example.com`, `Name${profile}`),
          }),
        );
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status === 202) accepted += 1;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    if (accepted !== plan.length) throw new Error(`${label}: ${accepted} of ${plan.length} submissions were accepted (${JSON.stringify(statuses)})`);
    const deadline = Date.now() + 180_000;
    while ((await pending()) > 0) {
      if (Date.now() > deadline) throw new Error(`${label}: the outbox still held ${await pending()} submissions after 180 s`);
      await sleep(20);
    }
    const drainSeconds = (performance.now() - started) / 1000;
    const track = sandbox.requests().filter((r) => r.path === '/users/track');
    const result: Scenario = {
      label,
      accepted,
      calls: track.length,
      callsOk: track.filter((r) => r.status !== null && r.status < 300).length,
      rateLimited: track.filter((r) => r.status === 429).length,
      drainSeconds,
      dataPoints: sandbox.dataPoints().total,
      profiles: sandbox.users().length,
    };
    log(`delivery ${kind}: ${result.calls} calls, ${result.dataPoints} data points, ${drainSeconds.toFixed(1)} s`);
    return result;
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureDeliveryEfficiency(options: DeliveryEfficiencyOptions): Promise<Section> {
  const { profiles, plan } = submissionPlan(options.submissions);
  const direct = await runScenario('forward each one (one call per submission)', 'direct', plan, options.log);
  const outbox = await runScenario('Inlet outbox, batched, no delta suppression', 'outbox', plan, options.log);
  const delta = await runScenario('Inlet outbox, batched, delta suppression', 'outbox-delta', plan, options.log);
  const rows = [direct, outbox, delta].map((s) => [
    s.label,
    num(s.calls),
    ratio(s.calls, direct.calls),
    num(s.rateLimited),
    s.drainSeconds.toFixed(1),
    num(s.dataPoints),
    ratio(s.dataPoints, outbox.dataPoints),
    num(s.profiles),
  ]);
  return {
    id: 'delivery-efficiency',
    title: '5. Delivery efficiency',
    tables: [
      {
        caption: `${num(plan.length)} valid submissions for ${num(profiles)} distinct people (${Math.round(REPEAT_SHARE * 100)} % repeat an earlier profile unchanged), ${IN_FLIGHT} in flight, into a Braze sandbox with Braze's /users/track limit (3,000 requests per 3 s).`,
        columns: ['delivery', '/users/track calls', 'vs forward-each-one', '429 answers', 'drain time s', 'data points billed', 'vs no delta suppression', 'profiles in Braze'],
        rows,
      },
    ],
    notes: [
      'Every figure is counted by the sandbox (its request log and data-point counter, which bills each attribute value written and each custom event), not by Inlet. The sandbox runs in the bench process (createSandbox, called through its fetch handler), so drain times hold no network time.',
      'Drain time: from the first submission to the last one delivered (direct delivery: the last 202, which it gives only once Braze accepted).',
      'The outbox runs with synchronous=NORMAL here; its fsync cost shows in the throughput section. Every submission also carries its proof-of-consent event, which delta suppression never drops.',
    ],
    data: { profiles, scenarios: [direct, outbox, delta] },
  };
}
