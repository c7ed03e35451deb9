/** The Inlet config from a file: JSON, or a module whose default export is the config (`.ts`, `.js`). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SettingsError } from '../../settings.ts';

export async function loadConfigFile(path: string, setting = 'INLET_CONFIG_FILE'): Promise<unknown> {
  let text: string;
  if (!/\.json$/i.test(path)) {
    try {
      return ((await import(pathToFileURL(resolve(path)).href)) as { default?: unknown }).default;
    } catch (error) {
      throw new SettingsError([`${setting}: could not load ${path} (${error instanceof Error ? error.message.split('\n')[0] : error}); give the path of an Inlet config file`]);
    }
  }
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SettingsError([`${setting}: there is no readable file at ${path}; create it (docs/configuration.md) or give the path of your Inlet config`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SettingsError([`${setting}: ${path} is not valid JSON (${error instanceof Error ? error.message : error}); fix the file`]);
  }
}
