/**
 * Starting the Node proxy from its settings, in the order that keeps a refusal harmless: settings,
 * then the config (parsed and its `env:` secrets resolved), and only then the outbox file and the
 * socket, so a refused start creates nothing. `explainAndExit` turns a refusal into one line per
 * problem and exit code 1, never a stack trace.
 */
import { ConfigError, parseConfig, type InletConfig } from '../../config/inlet-config.ts';
import { createHandler } from '../../handler.ts';
import { requireBraze, SettingsError, type Settings } from '../../settings.ts';
import { fileAssets } from './assets.ts';
import { loadConfigFile } from './config-file.ts';
import { createNodeDelivery, type NodeDelivery } from './delivery.ts';
import { serve, type RunningServer } from './server.ts';
import { StoreTooNewError } from '../../lifecycle/migrations.ts';
import { createSqlAnalyticsStore, type AnalyticsStore } from '../../analytics/index.ts';
import { analyticsErasure, analyticsPurger } from '../../analytics/lifecycle.ts';
import { createErasureRegistry } from '../../lifecycle/erasure.ts';
import { retentionPolicy } from '../../lifecycle/retention.ts';
import { checkpoint, openAnalyticsDatabase } from './analytics-sqlite.ts';
import { startRetentionTimer } from './retention-timer.ts';
import { nodeStudio, type NodeStudio } from './studio.ts';

export interface RunningProxy {
  server: RunningServer;
  outbox?: NodeDelivery;
  outboxPath?: string;
  analytics?: AnalyticsStore;
  /** The studio, when the settings turn it on. */
  studio?: NodeStudio;
  close(): Promise<void>;
}

/** The config the settings name, validated: INLET_CONFIG (JSON text) or the file INLET_CONFIG_FILE. */
export async function loadConfig(settings: Settings, fallback?: () => unknown): Promise<InletConfig> {
  return parseConfig(await loadRawConfig(settings, fallback), { env: settings.env });
}

/** The config as written, before defaults: the studio seeds its store from it, so drafts read like the file. */
export async function loadRawConfig(settings: Settings, fallback?: () => unknown): Promise<unknown> {
  return settings.config ?? (settings.configFile ? await loadConfigFile(settings.configFile) : fallback?.());
}

export async function startNodeProxy(settings: Settings): Promise<RunningProxy> {
  const braze = requireBraze(settings);
  const raw = await loadRawConfig(settings);
  // Checked before any file is created; the handler parses the same text again.
  const config = parseConfig(raw, { env: settings.env });
  const outbox = settings.outbox ? await createNodeDelivery({ path: settings.outbox, braze, sites: config.sites, synchronous: settings.outboxSync }) : undefined;
  const analytics = settings.analytics ? await openNodeAnalytics(settings.analytics, outbox).catch(async (error: unknown) => (await outbox?.close(), Promise.reject(error))) : undefined;
  const erasure = outbox?.erasure ?? analytics?.erasure;
  const studio = nodeStudio(settings);
  // The studio's store joins the outbox file's retention sweep and erasure (docs/data.md).
  if (studio && outbox) {
    outbox.purgers.push(...studio.purgers);
    outbox.erasure.register(studio.erasure);
  }
  const handler = createHandler({ config: raw, braze, env: settings.env, secret: settings.signingSecret, adminToken: settings.adminToken, assets: fileAssets(settings.widgetDir), delivery: outbox?.delivery, erasure, offers: outbox?.offers, studio: studio?.options, ...(analytics && { analytics: { store: analytics.store } }) });
  const stopScheduler = studio?.schedule(handler);
  const close = async () => (stopScheduler?.(), await outbox?.close(), await analytics?.close(), studio?.close());
  const server = await serve(handler, { port: settings.port, host: settings.host, clientIp: settings.clientIp, portSetting: 'PORT' }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { server, outbox, outboxPath: settings.outbox, studio, analytics: analytics?.store, close: async () => (await server.close(), await close()) };
}

/**
 * The analytics file, migrated, with its retention and erasure joined to the outbox file's (one timer,
 * one registry), or its own when delivery is direct.
 */
async function openNodeAnalytics(path: string, outbox: NodeDelivery | undefined) {
  const db = openAnalyticsDatabase(path);
  const store = await createSqlAnalyticsStore(db);
  const purger = analyticsPurger(store);
  const target = analyticsErasure(store, checkpoint(db));
  if (outbox) {
    outbox.purgers.push(purger);
    outbox.erasure.register(target);
    return { store, erasure: undefined, close: async () => db.close() };
  }
  const erasure = createErasureRegistry();
  erasure.register(target);
  const retention = startRetentionTimer({ purgers: () => [purger], policy: retentionPolicy() });
  return { store, erasure, close: async () => (await retention.stop(), db.close()) };
}

/** Prints why start-up was refused, one line per problem, and exits 1; anything else is a real crash. */
export function explainAndExit(error: unknown): never {
  if (error instanceof SettingsError) for (const line of error.problems) console.error(line);
  else if (error instanceof ConfigError) for (const line of error.issues) console.error(`Inlet config: ${line}`);
  else if (error instanceof StoreTooNewError) console.error(`inlet: ${error.message}`);
  else throw error;
  process.exit(1);
}
