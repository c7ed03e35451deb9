/** Optional persistence to a JSON file, so a demo survives restarts (Node only; the core stays web-standard). */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Sandbox, SandboxSnapshot } from './sandbox.ts';

/** Batches bursts of sign-ups into one write. */
const SAVE_DELAY_MS = 200;

async function load(path: string): Promise<SandboxSnapshot | undefined> {
  try {
    const snapshot = JSON.parse(await readFile(path, 'utf8')) as SandboxSnapshot;
    if (snapshot?.version !== 1 || !Array.isArray(snapshot.state?.profiles)) throw new Error(`${path} is not a sandbox snapshot (version 1)`);
    return snapshot;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot restore the sandbox from ${path}: ${(error as Error).message}. Delete the file or fix SANDBOX_PERSIST.`);
  }
}

/** Restores `path` into `sandbox` and saves after every change; resolves to a function that flushes and stops. */
export async function watchPersistence(sandbox: Sandbox, path: string): Promise<() => Promise<void>> {
  const snapshot = await load(path);
  if (snapshot) sandbox.restore(snapshot);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing = Promise.resolve();
  const save = () => {
    timer = undefined;
    const text = JSON.stringify(sandbox.snapshot());
    // Write then rename, so a crash never leaves half a file.
    writing = writing.then(() => writeFile(`${path}.tmp`, text)).then(() => rename(`${path}.tmp`, path)).catch((e) => console.error('braze sandbox: could not save', e));
  };
  const unsubscribe = sandbox.onChange(() => {
    timer ??= setTimeout(save, SAVE_DELAY_MS);
  });
  return async () => {
    unsubscribe();
    if (timer) {
      clearTimeout(timer);
      save();
    }
    await writing;
  };
}
