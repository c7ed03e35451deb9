/**
 * The config a Worker runs with, published to KV (`FORMS`, key `config`) so marketers publish
 * without a redeploy. Each isolate keeps the handler built from the text it last read and rebuilds
 * it only when the text changes; it re-reads KV at most once per `ttlMs`. The forms ETag comes from
 * the published manifest, so a publish changes it and revalidations answer 304 until then.
 */
import type { Handler } from '../../handler.ts';
import { HttpError } from '../../errors.ts';
import type { Settings } from '../../settings.ts';
import { CONFIG_KEY, type WorkerEnv } from './env.ts';

interface Built<T> {
  text: string;
  handler: T;
}

export interface Published<T> {
  /** What `build` made of the config currently published; it runs only when the text changed. */
  current(env: WorkerEnv, settings: Settings): Promise<T>;
}
export type PublishedHandlers = Published<Handler>;

/** The fetch side builds its handler from the published config; the queue consumer its sites' workspaces. */
export function publishedHandlers<T = Handler>(build: (config: unknown) => T, now: () => number = Date.now): Published<T> {
  let built: Built<T> | undefined;
  // The last text read, good or bad, so an invalid publish is parsed once, not on every request.
  let seen: { text: string; at: number } | undefined;
  return {
    async current(env, settings) {
      if (built && seen && now() - seen.at < settings.configTtlMs) return built.handler;
      const text = (await env.FORMS?.get(CONFIG_KEY)) ?? (settings.config === undefined ? null : JSON.stringify(settings.config));
      if (text === null) {
        throw new HttpError(503, 'not_configured', `No Inlet config is published: put it in the FORMS namespace under the key "${CONFIG_KEY}" (docs/deploy.md), or set INLET_CONFIG.`);
      }
      const unchanged = seen?.text === text;
      seen = { text, at: now() };
      if (built && (built.text === text || unchanged)) return built.handler;
      try {
        built = { text, handler: build(JSON.parse(text)) };
      } catch (error) {
        // Keep serving the last good config: a bad publish must not take the forms down.
        console.error('inlet: the published config is invalid and was not applied', error instanceof Error ? error.message : error);
        if (built) return built.handler;
        throw new HttpError(503, 'not_configured', 'The published Inlet config is invalid; run `npm run check` on it and publish again.');
      }
      return built.handler;
    },
  };
}
