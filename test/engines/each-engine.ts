/**
 * Writes a cross-engine suite once and runs it in every engine: `eachEngine('widget layouts', ...)`
 * declares one `describe` per engine, titled with the engine's name, that launches that engine
 * before its tests and closes it after. Each test gets the engine through `engine()`.
 *
 * INLET_ENGINES=firefox,webkit narrows a local run to some engines; `npm test` runs them all.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { ENGINE_NAMES, launchEngine, type Engine, type EngineName } from '../helpers/engines/engine.ts';

const only = process.env.INLET_ENGINES?.split(',').map((s) => s.trim()).filter(Boolean);

export function eachEngine(title: string, body: (engine: () => Engine, name: EngineName) => void): void {
  for (const name of ENGINE_NAMES) {
    describe.skipIf(only !== undefined && !only.includes(name))(`${title} [${name}]`, () => {
      let launched: Engine | undefined;
      beforeAll(async () => {
        const started = Date.now();
        launched = await launchEngine(name);
        console.log(`${name} ${launched.version} launched in ${Date.now() - started} ms`);
      });
      afterAll(async () => {
        await launched?.close();
      });
      body(() => launched ?? (() => { throw new Error(`${name} did not launch`); })(), name);
    });
  }
}
