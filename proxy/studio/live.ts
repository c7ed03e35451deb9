/**
 * What is live, as the forms manifests and the submission route need it. The store is the truth;
 * memory (per process or isolate, `ttlMs`) and KV (`cache`, shared by isolates) only cache it.
 * Every publish, rollback or end refreshes both, so the instance that published serves it at once;
 * other Worker isolates see it within `ttlMs`.
 */
import type { StudioStore } from './store.ts';

export interface KvCache {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}

export const LIVE_KEY = 'studio:live';

export function liveCache(store: StudioStore, options: { cache?: KvCache; ttlMs: number; now: () => number }) {
  let memory: { text: string; at: number } | undefined;
  return {
    async text(): Promise<string> {
      if (memory && options.now() - memory.at < options.ttlMs) return memory.text;
      let text = await options.cache?.get(LIVE_KEY);
      if (text == null) {
        text = JSON.stringify(await store.liveForms());
        await options.cache?.put(LIVE_KEY, text);
      }
      memory = { text, at: options.now() };
      return text;
    },
    async refresh(): Promise<void> {
      const text = JSON.stringify(await store.liveForms());
      await options.cache?.put(LIVE_KEY, text);
      memory = { text, at: options.now() };
    },
  };
}
