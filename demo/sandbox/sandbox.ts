/** Composes the sandbox: a web-standard `fetch` handler over in-memory state. No Node built-ins. */
import { seedAttributes } from './attribute-registry.ts';
import { createAuth } from './auth.ts';
import { createClock, type Clock } from './clock.ts';
import { createEngine, type Engine } from './engine.ts';
import { createFaultInjector, type Faults, type FaultSettings } from './faults.ts';
import { handleApi, type Pipeline } from './handle.ts';
import { inspect } from './inspect.ts';
import { resolveOptions, type SandboxOptions } from './options.ts';
import { createRateLimiter } from './rate-limit.ts';
import { createRequestLog, type LoggedRequest } from './request-log.ts';
import { emptyState, type Dispatch, type State } from './store.ts';
import { dataPointsView, userView, type DataPointsView, type UserView } from './views.ts';

/** What `snapshot()` returns and `restore()` takes: the persisted form. */
export interface SandboxSnapshot {
  version: 1;
  state: State;
}

export interface Sandbox {
  /** Answers like Braze. A connection reset comes back as `Response.error()`; a hang never settles unless the request's signal aborts. */
  fetch(request: Request): Promise<Response>;
  /** Empties profiles, logs, counters and restores the initial faults; the clock keeps its time. */
  reset(): void;
  readonly clock: Clock;
  readonly options: SandboxOptions;
  users(): UserView[];
  requests(): LoggedRequest[];
  dataPoints(): DataPointsView;
  dispatches(): Dispatch[];
  faults(): Faults;
  /** Replaces the fault settings and restarts the seeded sequence. */
  setFaults(faults: FaultSettings): Faults;
  snapshot(): SandboxSnapshot;
  restore(snapshot: SandboxSnapshot): void;
  /** Called after each change of state; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/**
 * @example
 * const sandbox = createSandbox({ limitMode: 'legacy' });
 * const res = await sandbox.fetch(new Request('http://braze.test/users/track', {
 *   method: 'POST', headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' },
 *   body: JSON.stringify({ attributes: [{ email: 'ada@example.com' }] }),
 * }));
 */
export function createSandbox(input: Partial<SandboxOptions> = {}): Sandbox {
  const options = resolveOptions(input);
  const clock = createClock(options.startTime);
  const listeners = new Set<() => void>();
  const fresh = (): State => {
    const state = emptyState();
    seedAttributes(state, options.attributeSchema);
    return state;
  };
  let engine: Engine = createEngine(options, clock, fresh());
  const changed = () => listeners.forEach((l) => l());
  const pipeline: Pipeline = {
    engine: () => engine,
    faults: createFaultInjector(options.faults, options.seed),
    limiter: createRateLimiter(options, clock),
    log: createRequestLog(options.maxLoggedRequests),
    authorize: createAuth(options),
    changed,
  };

  const sandbox: Sandbox = {
    clock,
    options,
    async fetch(request) {
      const url = new URL(request.url);
      if (options.inspection && (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/'))) return inspect(request, url, sandbox);
      // Browsers ask for it when the inspection page opens; it is no Braze call worth logging.
      if (url.pathname === '/favicon.ico') return new Response(null, { status: 204 });
      return handleApi(request, url, pipeline);
    },
    reset() {
      engine = createEngine(options, clock, fresh());
      pipeline.log.clear();
      pipeline.limiter.reset();
      pipeline.faults.set(options.faults);
      pipeline.faults.reseed(options.seed);
      changed();
    },
    users: () => engine.store.all().map((p) => userView(p, options)),
    requests: () => [...pipeline.log.all()],
    dataPoints: () => dataPointsView(engine.store.state),
    dispatches: () => structuredClone(engine.store.state.dispatches),
    faults: () => pipeline.faults.get(),
    setFaults: (faults) => pipeline.faults.set({ seed: options.seed, ...faults }),
    snapshot: () => ({ version: 1, state: structuredClone(engine.store.state) }),
    restore(snapshot) {
      engine = createEngine(options, clock, structuredClone(snapshot.state));
      changed();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return sandbox;
}
