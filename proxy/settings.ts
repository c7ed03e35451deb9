/**
 * The one reader of the environment. Every runtime adapter, `npm start` and the CLIs hand their
 * runtime's getter (`process.env`, Worker bindings, `Deno.env`, `Netlify.env`) to `readSettings`;
 * nothing else in Inlet reads a variable. Each name has one meaning on every runtime, and each is
 * documented once, in docs/settings.md (test/settings/settings-doc.test.ts keeps the two in step).
 *
 * A missing or malformed setting is a `SettingsError`: one line per problem, naming the variable and
 * the fix, so start-up can print it and stop without a stack trace.
 */
import * as z from 'zod';
import type { BrazeConnection } from './options.ts';
import type { Env } from './config/secret.ts';

export type Runtime = 'node' | 'cloudflare' | 'vercel' | 'netlify' | 'deno' | 'demo';
/** `demo` is `npm start` and the CLIs' local defaults (the Braze sandbox); it runs on Node. */
export const RUNTIMES = ['node', 'cloudflare', 'vercel', 'netlify', 'deno', 'demo'] as const satisfies readonly Runtime[];
const EVERY: readonly Runtime[] = RUNTIMES;
const NODE: readonly Runtime[] = ['node', 'demo'];
/** Where the studio can run: it needs a SQL store (node:sqlite, or D1 on Workers). */
const STUDIO: readonly Runtime[] = ['node', 'cloudflare', 'demo'];

export type EnvGetter = (name: string) => string | undefined;

export interface Variable {
  runtimes: readonly Runtime[];
  secret: boolean;
  /** What an unset variable means, as docs/settings.md states it. */
  default: string;
  schema: z.ZodType<unknown, string>;
}

const text = (message: string) => z.string({ error: message }).min(1, message);
const whole = (min: number, max: number, message: string) => z.string().regex(/^\d+$/, message).transform(Number).pipe(z.number().int().min(min, message).max(max, message));
const httpUrl = (message: string) => z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, message).transform((u) => u.replace(/\/+$/, ''));

/** Every variable Inlet reads, on which runtimes, what unset means, and whether it is a secret. */
export const VARIABLES = {
  BRAZE_REST_ENDPOINT: { runtimes: EVERY, secret: false, default: 'none (required); `npm start` and `npm run check` use the local sandbox', schema: httpUrl('must be the http(s) REST endpoint of your Braze instance, e.g. https://rest.fra-01.braze.eu (Braze › Settings › APIs and Identifiers)') },
  BRAZE_API_KEY: { runtimes: EVERY, secret: true, default: 'none (required with BRAZE_REST_ENDPOINT)', schema: text('set it to a REST API key with users.track (as a secret on edge runtimes)') },
  INLET_CONFIG: { runtimes: EVERY, secret: false, default: 'none; on Node INLET_CONFIG_FILE is read instead', schema: z.string().transform((raw, ctx) => parseJson(raw, ctx)) },
  INLET_CONFIG_FILE: { runtimes: NODE, secret: false, default: '`inlet.config.json` (`npm start`: the demo config)', schema: text('give the path of the Inlet config file (.json)') },
  INLET_SIGNING_SECRET: { runtimes: EVERY, secret: true, default: 'a random key per process: multi-step tokens then work only on the instance that issued them', schema: z.string().min(16, 'use at least 16 random characters, the same on every instance (e.g. `openssl rand -hex 32`)') },
  INLET_ADMIN_TOKEN: { runtimes: EVERY, secret: true, default: 'none: `/v1/admin/*` is off unless a site has its own token', schema: z.string().min(16, 'use at least 16 random characters (e.g. `openssl rand -hex 32`)') },
  INLET_CONFIG_TTL_SECONDS: { runtimes: ['cloudflare'], secret: false, default: '30', schema: whole(0, 86_400, 'give a whole number of seconds between 0 and 86400') },
  PORT: { runtimes: NODE, secret: false, default: '8787', schema: whole(0, 65_535, 'give a port number between 0 and 65535 (0 picks a free one)') },
  HOST: { runtimes: NODE, secret: false, default: '127.0.0.1', schema: text('give the address to listen on, e.g. 0.0.0.0 for every interface') },
  INLET_WIDGET_DIR: { runtimes: NODE, secret: false, default: '`dist/widget`', schema: text('give the folder `npm run build` wrote the widget to') },
  INLET_OUTBOX: { runtimes: NODE, secret: false, default: '`.inlet/outbox.sqlite`; `off` delivers directly', schema: text('give the path of the SQLite outbox file, or `off` for direct delivery') },
  INLET_OUTBOX_SYNC: { runtimes: NODE, secret: false, default: '`FULL`', schema: z.string().transform((s) => s.toUpperCase()).pipe(z.enum(['FULL', 'NORMAL'], 'use FULL (an accepted sign-up survives power loss) or NORMAL (survives a crash)')) },
  INLET_ANALYTICS: { runtimes: NODE, secret: false, default: '`analytics.sqlite` beside the outbox file (`.inlet/`); `off` turns analytics off', schema: text('give the path of the SQLite analytics file, or `off` to count nothing') },
  INLET_CLIENT_IP_HEADER: { runtimes: ['node'], secret: false, default: 'none: the socket address is the client', schema: z.string().regex(/^[a-z0-9-]+$/i, 'name the header your reverse proxy sets, e.g. x-forwarded-for').transform((h) => h.toLowerCase()) },
  INLET_TRUSTED_HOPS: { runtimes: ['node'], secret: false, default: '1 when INLET_CLIENT_IP_HEADER is set', schema: whole(1, 16, 'give how many proxies in front of Inlet append to the header (1 to 16)') },
  SANDBOX_PORT: { runtimes: ['demo'], secret: false, default: '8789', schema: whole(0, 65_535, 'give a port number between 0 and 65535') },
  SANDBOX_API_KEY: { runtimes: ['demo'], secret: true, default: '`sandbox`', schema: text('give the key the local sandbox accepts') },
  SANDBOX_PERSIST: { runtimes: ['demo'], secret: false, default: '`.inlet/sandbox.json`', schema: text('give the file the sandbox keeps its profiles in') },
  DEMO_PORT: { runtimes: ['demo'], secret: false, default: '8080', schema: whole(0, 65_535, 'give a port number between 0 and 65535') },
  INLET_STUDIO_DB: { runtimes: NODE, secret: false, default: 'none: the studio is off on Node (`npm start`: `.inlet/studio.sqlite`)', schema: text('give the path of the studio\'s SQLite file, `:memory:` for a throwaway one, or `off`') },
  INLET_STUDIO_SECRET: { runtimes: STUDIO, secret: true, default: 'a random key per process: sessions end on restart (Workers: the studio is off without it)', schema: z.string().min(16, 'use at least 16 random characters, the same on every instance (e.g. `openssl rand -hex 32`)') },
  INLET_STUDIO_PUBLISHER: { runtimes: STUDIO, secret: false, default: 'none: no first publisher', schema: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'give the first publisher\'s email address, e.g. ana@example.com').transform((e) => e.toLowerCase()) },
  INLET_STUDIO_PUBLISHER_PASSWORD: { runtimes: STUDIO, secret: true, default: 'none (required with INLET_STUDIO_PUBLISHER)', schema: text('give the hash `npm run studio -- hash-password` prints, or `env:NAME` naming the variable that holds it') },
  INLET_STUDIO_ORIGINS: { runtimes: STUDIO, secret: false, default: 'none: only the request\'s own origin may change things', schema: z.string().transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)).pipe(z.array(z.string().regex(/^https?:\/\/[^\s/]+$/, 'list origins like https://studio.example.com, comma-separated, without a path'))) },
} satisfies Record<string, Variable>;

export type VariableName = keyof typeof VARIABLES;

/** Names that used to mean something, with what replaces them: set, they stop start-up. */
export const RENAMED: Readonly<Record<string, string>> = {
  ADMIN_TOKEN: 'rename it INLET_ADMIN_TOKEN (the same name on every runtime)',
};

export interface Settings {
  runtime: Runtime;
  /** Absent only where the local sandbox stands in (`demo`). */
  braze?: BrazeConnection;
  /** INLET_CONFIG, parsed JSON. */
  config?: unknown;
  /** INLET_CONFIG_FILE, or its default when INLET_CONFIG is unset (Node). */
  configFile?: string;
  signingSecret?: string;
  adminToken?: string;
  configTtlMs: number;
  port: number;
  host: string;
  widgetDir: string;
  /** SQLite outbox path; `undefined` is direct delivery. */
  outbox?: string;
  outboxSync: 'FULL' | 'NORMAL';
  /** SQLite analytics file (Node); `undefined` is analytics off. On Workers the ANALYTICS_DB binding decides. */
  analytics?: string;
  /** On Node, behind a reverse proxy: which header holds the client address, and how many proxies append to it. */
  clientIp?: { header: string; hops: number };
  sandbox: { port: number; apiKey: string; persist: string };
  demoPort: number;
  /** The studio's settings (docs/studio.md); whether it runs is the adapter's call (a store is needed). */
  studio: StudioSettings;
  /** Where `env:NAME` references in the config resolve: the same environment, through the same getter. */
  env: Env;
}

export interface StudioSettings {
  /** INLET_STUDIO_DB (Node): the SQLite path, `:memory:`; `off` and unset are `undefined`. */
  db?: string;
  /** INLET_STUDIO_DB was set to `off`: no studio even in the demo. */
  off: boolean;
  secret?: string;
  firstPublisher?: { email: string; passwordHash: string };
  origins?: string[];
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

function parseJson(raw: string, ctx: z.RefinementCtx<string>): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not valid JSON (${error instanceof Error ? error.message : error}); put the whole Inlet config in it as JSON text` });
    return z.NEVER;
  }
}

/** Reads and checks every variable `runtime` uses; throws a `SettingsError` listing every problem. */
export function readSettings(runtime: Runtime, get: EnvGetter): Settings {
  const problems: string[] = [];
  for (const [old, fix] of Object.entries(RENAMED)) if (get(old) !== undefined) problems.push(`${old}: ${fix}`);
  const values: Partial<Record<VariableName, unknown>> = {};
  for (const [name, variable] of Object.entries(VARIABLES) as [VariableName, Variable][]) {
    if (!variable.runtimes.includes(runtime)) continue;
    const raw = get(name);
    if (raw === undefined || raw === '') continue;
    const result = variable.schema.safeParse(raw.trim());
    // The value is never quoted back: it may be a secret.
    if (result.success) values[name] = result.data;
    else problems.push(`${name}: ${result.error.issues[0]!.message}`);
  }
  const v = values as { [K in VariableName]?: z.output<(typeof VARIABLES)[K]['schema']> };
  const endpoint = v.BRAZE_REST_ENDPOINT;
  const apiKey = v.BRAZE_API_KEY;
  if (Boolean(endpoint) !== Boolean(apiKey) && !problems.some((p) => p.startsWith('BRAZE_'))) {
    problems.push(endpoint ? `BRAZE_API_KEY: is not set; ${brazeFix(runtime)}` : 'BRAZE_REST_ENDPOINT: is not set; set it to the REST endpoint of your Braze instance (with BRAZE_API_KEY), e.g. https://rest.fra-01.braze.eu');
  }
  if (v.INLET_CONFIG !== undefined && v.INLET_CONFIG_FILE !== undefined) problems.push('INLET_CONFIG_FILE: INLET_CONFIG is set too; set only one (INLET_CONFIG holds JSON text, INLET_CONFIG_FILE a path)');
  if (v.INLET_TRUSTED_HOPS !== undefined && v.INLET_CLIENT_IP_HEADER === undefined) problems.push('INLET_TRUSTED_HOPS: means nothing without INLET_CLIENT_IP_HEADER; name the header your reverse proxy sets, or unset INLET_TRUSTED_HOPS');
  const studio = studioSettings(v, get, problems);
  if (problems.length) throw new SettingsError(problems);
  const outbox = v.INLET_OUTBOX ?? '.inlet/outbox.sqlite';
  // Beside the outbox by default, so one folder holds what a Node proxy stores (and a test's temp dir all of it).
  const analytics = v.INLET_ANALYTICS ?? (outbox === 'off' ? '.inlet/outbox.sqlite' : outbox).replace(/[^/\\]*$/, 'analytics.sqlite');
  return {
    runtime,
    braze: endpoint && apiKey ? { endpoint, apiKey } : undefined,
    config: v.INLET_CONFIG,
    configFile: v.INLET_CONFIG === undefined && NODE.includes(runtime) ? (v.INLET_CONFIG_FILE ?? (runtime === 'demo' ? undefined : 'inlet.config.json')) : undefined,
    signingSecret: v.INLET_SIGNING_SECRET,
    adminToken: v.INLET_ADMIN_TOKEN,
    configTtlMs: (v.INLET_CONFIG_TTL_SECONDS ?? 30) * 1000,
    port: v.PORT ?? 8787,
    host: v.HOST ?? '127.0.0.1',
    widgetDir: v.INLET_WIDGET_DIR ?? 'dist/widget',
    outbox: outbox === 'off' ? undefined : outbox,
    outboxSync: v.INLET_OUTBOX_SYNC ?? 'FULL',
    analytics: analytics === 'off' || !NODE.includes(runtime) ? undefined : analytics,
    clientIp: v.INLET_CLIENT_IP_HEADER ? { header: v.INLET_CLIENT_IP_HEADER, hops: v.INLET_TRUSTED_HOPS ?? 1 } : undefined,
    sandbox: { port: v.SANDBOX_PORT ?? 8789, apiKey: v.SANDBOX_API_KEY ?? 'sandbox', persist: v.SANDBOX_PERSIST ?? '.inlet/sandbox.json' },
    demoPort: v.DEMO_PORT ?? 8080,
    studio,
    // A read-only view through the getter: `env:NAME` looks NAME up when the config is parsed, once.
    env: new Proxy({}, { get: (_, name) => (typeof name === 'string' ? get(name) : undefined) }) as Env,
  };
}

const PASSWORD_HASH = /^pbkdf2-sha256\$\d{1,6}\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

function studioSettings(v: { [K in VariableName]?: z.output<(typeof VARIABLES)[K]['schema']> }, get: EnvGetter, problems: string[]): StudioSettings {
  const email = v.INLET_STUDIO_PUBLISHER;
  let hash = v.INLET_STUDIO_PUBLISHER_PASSWORD;
  if (hash?.startsWith('env:')) {
    const name = hash.slice(4);
    hash = get(name)?.trim() || undefined;
    if (!hash) problems.push(`INLET_STUDIO_PUBLISHER_PASSWORD: names ${name}, which is not set; set ${name} to the hash \`npm run studio -- hash-password\` prints`);
  }
  if (hash && !PASSWORD_HASH.test(hash)) problems.push('INLET_STUDIO_PUBLISHER_PASSWORD: is not a hash from `npm run studio -- hash-password` (it starts with "pbkdf2-sha256$"); never put the password itself there');
  else if (Boolean(email) !== Boolean(hash) && !problems.some((p) => p.startsWith('INLET_STUDIO_PUBLISHER'))) {
    problems.push(email ? 'INLET_STUDIO_PUBLISHER_PASSWORD: is not set; set it to the hash `npm run studio -- hash-password` prints' : 'INLET_STUDIO_PUBLISHER: is not set; give the email of the first publisher with INLET_STUDIO_PUBLISHER_PASSWORD');
  }
  const db = v.INLET_STUDIO_DB;
  return {
    db: db === 'off' ? undefined : db,
    off: db === 'off',
    secret: v.INLET_STUDIO_SECRET,
    firstPublisher: email && hash ? { email, passwordHash: hash } : undefined,
    origins: v.INLET_STUDIO_ORIGINS,
  };
}

/** The Braze connection, or the runtime's way of setting it. */
export function requireBraze(settings: Settings): BrazeConnection {
  if (settings.braze) return settings.braze;
  throw new SettingsError([`BRAZE_REST_ENDPOINT: is not set; set it and BRAZE_API_KEY (${brazeFix(settings.runtime)})${settings.runtime === 'node' ? '; `npm start` runs a local Braze sandbox instead' : ''}`]);
}

/** The config a runtime without files runs with: INLET_CONFIG, or the one given in code. */
export function requireConfig(settings: Settings, inCode?: unknown): unknown {
  if (inCode !== undefined) return inCode;
  if (settings.config !== undefined) return settings.config;
  throw new SettingsError(['INLET_CONFIG: is not set; put the Inlet config in it as JSON text, or pass the config to the adapter in code']);
}

function brazeFix(runtime: Runtime): string {
  if (runtime === 'cloudflare') return 'run `npx wrangler secret put BRAZE_API_KEY`, and put BRAZE_REST_ENDPOINT under [vars] in wrangler.toml';
  if (runtime === 'node' || runtime === 'demo') return 'set it in the environment of the process';
  return 'add it to the project\'s environment variables, the key as a secret';
}
