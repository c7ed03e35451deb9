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
import { nodeStudio, type NodeStudio } from './studio.ts';

export interface RunningProxy {
  server: RunningServer;
  outbox?: NodeDelivery;
  outboxPath?: string;
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
  parseConfig(raw, { env: settings.env });
  const config = raw;
  const outbox = settings.outbox ? await createNodeDelivery({ path: settings.outbox, braze, synchronous: settings.outboxSync }) : undefined;
  const studio = nodeStudio(settings);
  // The studio's store joins the outbox file's retention sweep and erasure (docs/data.md).
  if (studio && outbox) {
    outbox.purgers.push(...studio.purgers);
    outbox.erasure.register(studio.erasure);
  }
  const handler = createHandler({ config, braze, env: settings.env, secret: settings.signingSecret, adminToken: settings.adminToken, assets: fileAssets(settings.widgetDir), delivery: outbox?.delivery, erasure: outbox?.erasure, studio: studio?.options });
  const stopScheduler = studio?.schedule(handler);
  const server = await serve(handler, { port: settings.port, host: settings.host, clientIp: settings.clientIp, portSetting: 'PORT' }).catch(async (error: unknown) => {
    stopScheduler?.();
    await outbox?.close();
    studio?.close();
    throw error;
  });
  return {
    server,
    outbox,
    outboxPath: settings.outbox,
    studio,
    close: async () => {
      stopScheduler?.();
      await server.close();
      await outbox?.close();
      studio?.close();
    },
  };
}

/** Prints why start-up was refused, one line per problem, and exits 1; anything else is a real crash. */
export function explainAndExit(error: unknown): never {
  if (error instanceof SettingsError) for (const line of error.problems) console.error(line);
  else if (error instanceof ConfigError) for (const line of error.issues) console.error(`Inlet config: ${line}`);
  else if (error instanceof StoreTooNewError) console.error(`inlet: ${error.message}`);
  else throw error;
  process.exit(1);
}
