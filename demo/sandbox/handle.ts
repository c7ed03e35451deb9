/**
 * The request pipeline for Braze endpoints, in the order a real edge would apply it: faults, route,
 * size, auth, permission, rate limit, media type, body, handler.
 */
import { createAuth, maskKey } from './auth.ts';
import type { Engine } from './engine.ts';
import type { FaultInjector, FaultOutcome } from './faults.ts';
import { fail, isJsonContentType, MESSAGES, parseJson, readBody } from './http.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { LoggedRequest, RequestLog } from './request-log.ts';
import { findRoute } from './routes.ts';

export interface Pipeline {
  engine(): Engine;
  faults: FaultInjector;
  limiter: RateLimiter;
  log: RequestLog;
  authorize: ReturnType<typeof createAuth>;
  changed(): void;
}

const FAULT_MESSAGES: Record<number, string> = {
  429: MESSAGES.rateLimited,
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Waits, or rejects as soon as the client gives up. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/** A hung connection: never answers, and lets go only when the client aborts. */
function hang(signal: AbortSignal): Promise<Response> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

async function readResponse(response: Response): Promise<unknown> {
  const text = await response.clone().text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function handleApi(request: Request, url: URL, pipeline: Pipeline): Promise<Response> {
  const engine = pipeline.engine();
  const started = Date.now();
  const key = maskKey(request.headers.get('authorization'));
  const entry: Omit<LoggedRequest, 'id' | 'status' | 'outcome' | 'duration_ms'> = {
    at: new Date(engine.clock.now()).toISOString(),
    method: request.method,
    path: url.pathname,
    query: url.search,
    ...(key ? { key } : {}),
    notes: [],
  };
  const finish = async (response: Response, extra: Partial<LoggedRequest> = {}) => {
    pipeline.log.add({ ...entry, status: response.status, outcome: 'response', response: await readResponse(response), duration_ms: Date.now() - started, ...extra });
    return response;
  };

  const plan = pipeline.faults.draw(url.pathname);
  if (plan.delayMs > 0) await sleep(plan.delayMs, request.signal);
  if (plan.outcome !== 'ok') return injectFault(plan.outcome, request, entry, started, pipeline, finish);

  const route = findRoute(request.method, url.pathname);
  if (!route) return finish(fail(404, MESSAGES.notFound));
  if (Number(request.headers.get('content-length') ?? 0) > engine.options.maxBodyBytes) return finish(fail(413, MESSAGES.tooLarge));
  const auth = pipeline.authorize(request.headers.get('authorization'), route.permission);
  if (!auth.ok) return finish(fail(auth.status, auth.status === 401 ? MESSAGES.unauthorized : MESSAGES.accessDenied));
  const rate = pipeline.limiter.take(route.family);
  if (!rate.ok) return finish(fail(429, MESSAGES.rateLimited, rate.headers));

  let body: unknown;
  if (route.method === 'POST') {
    if (!isJsonContentType(request.headers.get('content-type'))) return finish(withHeaders(fail(415, MESSAGES.unsupportedMediaType), rate.headers));
    const read = await readBody(request, engine.options.maxBodyBytes);
    if (!read.ok) return finish(withHeaders(read.response, rate.headers));
    const parsed = parseJson(read.text);
    if (!parsed.ok) return finish(withHeaders(parsed.response, rate.headers), { body: read.text.slice(0, 2000) });
    body = parsed.value;
    entry.body = body;
  }
  const current = pipeline.engine();
  current.takeWarnings();
  const response = withHeaders(route.run({ body, url }, current), rate.headers);
  entry.notes = current.takeWarnings();
  if (route.method === 'POST' && response.ok) pipeline.changed();
  return finish(response);
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

async function injectFault(
  outcome: Exclude<FaultOutcome, 'ok'>,
  request: Request,
  entry: Omit<LoggedRequest, 'id' | 'status' | 'outcome' | 'duration_ms'>,
  started: number,
  pipeline: Pipeline,
  finish: (r: Response, extra?: Partial<LoggedRequest>) => Promise<Response>,
): Promise<Response> {
  if (outcome === 'hang' || outcome === 'reset') {
    pipeline.log.add({ ...entry, status: null, outcome, fault: outcome, duration_ms: Date.now() - started });
    // `Response.error()` is the web-standard network error; the Node entry turns it into a TCP reset.
    return outcome === 'reset' ? Response.error() : hang(request.signal);
  }
  const headers: Record<string, string> = outcome === 429 ? { 'x-ratelimit-retry-after': '1' } : {};
  return finish(fail(outcome, FAULT_MESSAGES[outcome]!, headers), { fault: outcome });
}
