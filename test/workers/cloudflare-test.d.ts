/**
 * The parts of `cloudflare:test` these tests use, typed structurally (the same shapes as
 * proxy/adapters/cloudflare/types.ts) so the root tsconfig needs no @cloudflare/workers-types.
 */
declare module 'cloudflare:test' {
  interface KV {
    get(key: string): Promise<string | null>;
    put(key: string, value: string, options?: { expiration?: number; expirationTtl?: number; metadata?: unknown }): Promise<void>;
    delete(key: string): Promise<void>;
    list<M = unknown>(options?: { prefix?: string; limit?: number; cursor?: string }): Promise<{ keys: { name: string; expiration?: number; metadata?: M }[]; list_complete: boolean; cursor?: string }>;
  }
  interface Queue {
    send(body: any, options?: { contentType?: 'json' | 'text' | 'bytes' | 'v8'; delaySeconds?: number }): Promise<void>;
    sendBatch(messages: Iterable<{ body: any; contentType?: 'json' | 'text' | 'bytes' | 'v8'; delaySeconds?: number }>): Promise<void>;
  }
  interface Fetcher {
    fetch(input: Request | string, init?: RequestInit): Promise<Response>;
  }
  interface Message<Body> {
    readonly id: string;
    readonly timestamp: Date;
    readonly body: Body;
    readonly attempts: number;
    ack(): void;
    retry(options?: { delaySeconds?: number }): void;
  }
  interface MessageBatch<Body = unknown> {
    readonly queue: string;
    readonly messages: readonly Message<Body>[];
    ackAll(): void;
    retryAll(options?: { delaySeconds?: number }): void;
  }
  interface ExecutionContext {
    waitUntil(promise: Promise<unknown>): void;
    passThroughOnException(): void;
  }

  /** Bindings from wrangler.toml plus the test overrides in vitest.config.ts. */
  export const env: {
    BRAZE_REST_ENDPOINT: string;
    BRAZE_API_KEY: string;
    INLET_ADMIN_TOKEN: string;
    INLET_CONFIG_TTL_SECONDS: string;
    FORMS: KV;
    DELTAS: KV;
    DEAD_LETTERS: KV;
    QUEUE: Queue;
    ASSETS: Fetcher;
    DB: D1;
    TEST_MIGRATIONS: D1Migration[];
    ANALYTICS_DB: D1;
    ANALYTICS_QUEUE: Queue;
    TEST_ANALYTICS_MIGRATIONS: D1Migration[];
  };
  interface D1Statement {
    bind(...values: (string | number | null)[]): D1Statement;
    first<T = Record<string, unknown>>(): Promise<T | null>;
    all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
    run(): Promise<{ meta: { changes: number } }>;
  }
  interface D1 {
    prepare(sql: string): D1Statement;
    batch(statements: D1Statement[]): Promise<{ meta: { changes: number } }[]>;
  }
  interface D1Migration {
    name: string;
    queries: string[];
  }
  export function applyD1Migrations(db: D1, migrations: D1Migration[], tableName?: string): Promise<void>;
  export function createScheduledController(options?: { scheduledTime?: Date | number; cron?: string }): { scheduledTime: number; cron: string; noRetry(): void };
  export const SELF: Fetcher;
  export function createExecutionContext(): ExecutionContext;
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>;
  export function createMessageBatch<Body = unknown>(queueName: string, messages: { id: string; timestamp: Date | number; attempts: number; body: Body }[]): MessageBatch<Body>;
  export interface QueueResult {
    outcome: string;
    ackAll: boolean;
    retryBatch: { retry: boolean; delaySeconds?: number };
    explicitAcks: string[];
    retryMessages: { msgId: string; delaySeconds?: number }[];
  }
  export function getQueueResult(batch: MessageBatch<any>, ctx: ExecutionContext): Promise<QueueResult>;
}
