/**
 * The Workers runtime types Inlet uses, from @cloudflare/workers-types' module entry (its default
 * entry declares globals that clash with lib.dom's). Where its `Request`/`Response` meet lib.dom's,
 * the adapter converts once, here.
 */
export type { D1Database, ExecutionContext, Fetcher, KVNamespace, Message, MessageBatch, Queue, ScheduledController } from '@cloudflare/workers-types/index.ts';
