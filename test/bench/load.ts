/**
 * Bounded load on 127.0.0.1 with autocannon: a fixed number of valid, distinct submissions, cut
 * short after a time limit.
 */
import autocannon from 'autocannon';
import { submissionBody } from './bench-config.ts';

export interface LoadResult {
  sent: number;
  accepted: number;
  other: Record<string, number>;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export async function submitLoad(options: { url: string; origin: string; amount: number; seconds: number; connections?: number; tag: string }): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(options.url)) throw new Error(`load is only sent to 127.0.0.1, not ${options.url}`);
  let n = 0;
  const instance = autocannon({
    url: options.url,
    connections: options.connections ?? 10,
    amount: options.amount,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/v1/submissions',
        headers: { 'content-type': 'application/json', origin: options.origin },
        setupRequest: (request) => ({ ...request, body: submissionBody(`${options.tag}-${n++}@example.com`) }),
      },
    ],
  });
  const timer = setTimeout(() => instance.stop(), options.seconds * 1000);
  const result = await instance;
  clearTimeout(timer);
  const other: Record<string, number> = {};
  let accepted = 0;
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    if (code === '202') accepted = count;
    else other[code] = count;
  }
  return {
    sent: result.requests.total,
    accepted,
    other,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
    perSecond: accepted / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
