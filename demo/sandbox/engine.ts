/** What every endpoint handler works with: options, clock, state and a place for notes. */
import { createAttributeRegistry, type AttributeRegistry } from './attribute-registry.ts';
import type { Clock } from './clock.ts';
import type { SandboxOptions } from './options.ts';
import type { PlanContext } from './plan.ts';
import { createStore, type State, type Store } from './store.ts';

export interface Engine {
  options: SandboxOptions;
  clock: Clock;
  store: Store;
  registry: AttributeRegistry;
  planContext: Omit<PlanContext, 'mergeObjects'>;
  /** Adds a note to the request being handled (handlers are synchronous, so notes never mix). */
  warn(message: string): void;
  /** Returns and clears the notes gathered since the last call. */
  takeWarnings(): string[];
}

export function createEngine(options: SandboxOptions, clock: Clock, state: State): Engine {
  let warnings: string[] = [];
  const store = createStore(state, clock);
  const registry = createAttributeRegistry(state, options);
  const warn = (message: string) => void warnings.push(message);
  return {
    options,
    clock,
    store,
    registry,
    planContext: { options, store, registry, warn },
    warn,
    takeWarnings() {
      const out = warnings;
      warnings = [];
      return out;
    },
  };
}
