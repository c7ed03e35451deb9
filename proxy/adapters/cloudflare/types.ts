/**
 * The slice of the Workers runtime API Inlet uses, typed structurally so the proxy compiles against
 * web-standard libs without @cloudflare/workers-types (whose globals clash with lib.dom).
 * Shapes follow https://developers.cloudflare.com/workers/runtime-apis/.
 */

export interface KVNamespace {
  get(key: string, options?: { type?: 'text'; cacheTtl?: number }): Promise<string | null>;
  put(key: string, value: string, options?: { expiration?: number; expirationTtl?: number; metadata?: unknown }): Promise<void>;
  delete(key: string): Promise<void>;
  list<Metadata = unknown>(options?: { prefix?: string; limit?: number; cursor?: string }): Promise<KVListResult<Metadata>>;
}

export interface KVListResult<Metadata = unknown> {
  keys: { name: string; expiration?: number; metadata?: Metadata }[];
  list_complete: boolean;
  cursor?: string;
}

export interface QueueSendOptions {
  contentType?: 'json' | 'text' | 'bytes' | 'v8';
  delaySeconds?: number;
}

export interface Queue<Body = unknown> {
  send(body: Body, options?: QueueSendOptions): Promise<void>;
  sendBatch(messages: Iterable<{ body: Body } & QueueSendOptions>): Promise<void>;
}

export interface Message<Body = unknown> {
  readonly id: string;
  readonly timestamp: Date;
  readonly body: Body;
  /** 1 on the first delivery, incremented by each retry. */
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

export interface MessageBatch<Body = unknown> {
  readonly queue: string;
  readonly messages: readonly Message<Body>[];
  ackAll(): void;
  retryAll(options?: { delaySeconds?: number }): void;
}

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

/** The static-assets binding (`[assets] binding = "ASSETS"`). */
export interface Fetcher {
  fetch(input: Request | string, init?: RequestInit): Promise<Response>;
}

/** A D1 database binding: the shape the studio's store is written against (proxy/studio/db.ts). */
export type { SqlDatabase as D1Database } from '../../studio/db.ts';

export interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
}
