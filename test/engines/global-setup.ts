/**
 * Runs in Node before the cross-engine tests: the X display WebKit's MiniBrowser draws on (it has
 * no headless mode). Stopped when the run ends, so nothing outlives `npm test`.
 */
import type { TestProject } from 'vitest/node';
import { startXvfb } from '../helpers/xvfb.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    xDisplay: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const xvfb = await startXvfb();
  project.provide('xDisplay', xvfb.display);
  return () => xvfb.stop();
}
