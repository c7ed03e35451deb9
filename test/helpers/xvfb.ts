/**
 * A private X display for browsers without a headless mode (WebKitGTK's MiniBrowser). Xvfb picks a
 * free display number itself (`-displayfd`), so parallel runs on one machine never collide.
 */
import { spawn } from 'node:child_process';

export const XVFB_PATH = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

export interface Xvfb {
  /** The DISPLAY value, e.g. `:12`. */
  display: string;
  stop(): Promise<void>;
}

export function startXvfb(): Promise<Xvfb> {
  const child = spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`Xvfb gave no display within 10 s: ${stderr}`)), 10_000);
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    child.once('error', (e) => fail(new Error(`cannot start ${XVFB_PATH} (install Debian's xvfb): ${e.message}`)));
    child.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before giving a display: ${stderr}`)));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        display: `:${out.trim()}`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
