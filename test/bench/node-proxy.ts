/**
 * Child process of the throughput bench: the Node proxy with its SQLite outbox (createNodeDelivery),
 * draining to the Braze sandbox whose URL it is given. Talks to the bench over IPC.
 *
 * Env: BENCH_BRAZE_URL, BENCH_OUTBOX (SQLite file), BENCH_ORIGIN (allowed page origin), BENCH_SYNC (FULL | NORMAL).
 */
import { serve } from '../../proxy/adapters/node/server.ts';
import { createHandler } from '../../proxy/handler.ts';
import { createNodeDelivery } from '../../proxy/adapters/node/delivery.ts';
import { benchConfig, submissionBody } from './bench-config.ts';

const braze = { endpoint: process.env.BENCH_BRAZE_URL!, apiKey: 'bench' };
const origin = process.env.BENCH_ORIGIN!;
const node = await createNodeDelivery({ path: process.env.BENCH_OUTBOX!, braze, synchronous: process.env.BENCH_SYNC === 'NORMAL' ? 'NORMAL' : 'FULL' });
const handler = createHandler({ config: benchConfig({ origins: [origin] }), braze, delivery: node.delivery });
const server = await serve(handler, { port: 0 });

type Message = { type: 'handler-cpu'; count: number } | { type: 'stats' } | { type: 'close' };

process.on('message', async (message: Message) => {
  if (message.type === 'handler-cpu') {
    // The delivery worker stops first, so the CPU counted is the handler's alone (validation,
    // mapping, the outbox write), one awaited request at a time.
    await node.worker.stop();
    const started = process.cpuUsage();
    const wall = performance.now();
    let accepted = 0;
    for (let i = 0; i < message.count; i++) {
      const response = await handler(
        new Request(`${server.url}/v1/submissions`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: submissionBody(`cpu-${i}@example.com`) }),
      );
      if (response.status === 202) accepted += 1;
    }
    const used = process.cpuUsage(started);
    process.send!({ type: 'handler-cpu', count: message.count, accepted, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall });
  } else if (message.type === 'stats') {
    process.send!({ type: 'stats', stats: await node.delivery.stats!() });
  } else if (message.type === 'close') {
    await server.close();
    await node.close();
    process.exit(0);
  }
});
process.send!({ type: 'ready', url: server.url });
