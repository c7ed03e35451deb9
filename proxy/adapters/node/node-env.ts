/**
 * Everything the Node runtime reads from the environment, in one place.
 */
import { readFileSync } from 'node:fs';
import type { BrazeConnection } from '../../options.ts';

export interface NodeEnv {
  port: number;
  host: string;
  configPath: string;
  widgetDir: string;
  /** Absent when BRAZE_REST_ENDPOINT / BRAZE_API_KEY are unset (the demo then uses its sandbox). */
  braze?: BrazeConnection;
}

export function readNodeEnv(env: NodeJS.ProcessEnv = process.env): NodeEnv {
  const endpoint = env.BRAZE_REST_ENDPOINT;
  const apiKey = env.BRAZE_API_KEY;
  if (Boolean(endpoint) !== Boolean(apiKey)) {
    throw new Error('Set both BRAZE_REST_ENDPOINT and BRAZE_API_KEY (or neither, to use the local Braze sandbox).');
  }
  return {
    port: Number(env.PORT ?? 8787),
    host: env.HOST ?? '127.0.0.1',
    configPath: env.INLET_CONFIG ?? 'inlet.config.json',
    widgetDir: env.INLET_WIDGET_DIR ?? 'dist/widget',
    braze: endpoint && apiKey ? { endpoint, apiKey } : undefined,
  };
}

export function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read the Inlet config at ${path}: ${error instanceof Error ? error.message : error}`);
  }
}
