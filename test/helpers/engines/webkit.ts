/**
 * WebKit for the cross-engine tests: WebKitGTK (Safari's engine, Debian's webkit2gtk-driver) through
 * its own WebKitWebDriver and selenium-webdriver. Its MiniBrowser has no headless mode, so it draws
 * on the X display in INLET_X_DISPLAY (an Xvfb the test harness starts, see test/engines/global-setup.ts).
 *
 * Quirks of this engine that shape the adapter:
 * - WebDriver's element click on a text field inside a shadow root can be refused as intercepted by
 *   the host element, so clicks are pointer actions at a point and text goes to the focused element;
 * - a screenshot can show the frame before the last change, so it waits two animation frames first;
 * - the MiniBrowser window is never narrower than 447 px and its viewport is the window less its toolbar.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { globSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { Builder, Key as SeleniumKey, Origin, type WebDriver } from 'selenium-webdriver';
import { callSource, until, type Engine, type EnginePage, type Key } from './engine.ts';

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? globSync('/usr/lib/*/webkit2gtk-4.*/MiniBrowser').sort().at(-1) ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const MINIBROWSER_MIN_WIDTH = 447;

const KEYS: Record<Key, string> = {
  Tab: SeleniumKey.TAB,
  Enter: SeleniumKey.ENTER,
  Escape: SeleniumKey.ESCAPE,
  Space: SeleniumKey.SPACE,
  Backspace: SeleniumKey.BACK_SPACE,
  ArrowDown: SeleniumKey.ARROW_DOWN,
  ArrowUp: SeleniumKey.ARROW_UP,
};

export async function launchWebKitEngine(): Promise<Engine> {
  const display = process.env.INLET_X_DISPLAY;
  if (!display) throw new Error('INLET_X_DISPLAY is not set: WebKit needs the Xvfb display that test/engines/global-setup.ts starts');
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=127.0.0.1'], {
    // LANGUAGE decides the MiniBrowser's navigator.language, but only when LANG is not C (a CI box's usual
    // `C.UTF-8` yields navigator.language "C"). NO_AT_BRIDGE keeps GTK from looking for a desktop's accessibility bus.
    env: { ...withoutLocale(process.env), DISPLAY: display, LANGUAGE: 'en_US', LANG: 'en_US.UTF-8', NO_AT_BRIDGE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  driver.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const server = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${server}/status`)).ok, `WebKitWebDriver on port ${port} (${stderr})`);
  const sessions = new Set<WebDriver>();

  const engine: Engine = {
    name: 'webkit',
    version: '',
    async newPage({ width, height }) {
      if (width < MINIBROWSER_MIN_WIDTH) throw new Error(`WebKit's MiniBrowser window is at least ${MINIBROWSER_MIN_WIDTH} px wide; asked for ${width}`);
      // One WebDriver session per page: each is a new MiniBrowser with its own ephemeral storage.
      const session = await new Builder()
        .usingServer(server)
        .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] } })
        .build();
      sessions.add(session);
      await sizeViewport(session, width, height);
      return wrap(session, async () => {
        sessions.delete(session);
        await session.quit();
      });
    },
    async close() {
      await Promise.allSettled([...sessions].map((s) => s.quit()));
      await stop(driver);
    },
  };
  // The version WebKit reports for itself, from a first session.
  const probe = await new Builder().usingServer(server).withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] } }).build();
  engine.version = String((await probe.getCapabilities()).get('browserVersion'));
  await probe.quit();
  return engine;
}

/**
 * Sizes the window so that its viewport (the window less the MiniBrowser's toolbar) is width × height.
 * X applies a resize after Set Window Rect returns, so each try reads the viewport until it holds still.
 */
async function sizeViewport(session: WebDriver, width: number, height: number): Promise<void> {
  const viewport = async () => (await session.executeScript('return [innerWidth, innerHeight]')) as [number, number];
  const steady = async () => {
    let last = await viewport();
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const now = await viewport();
      if (now[0] === last[0] && now[1] === last[1] && (i >= 2 || (now[0] === width && now[1] === height))) return now;
      last = now;
    }
    return last;
  };
  let rect = { width, height };
  let got: [number, number] = [0, 0];
  for (let i = 0; i < 5; i++) {
    await session.manage().window().setRect(rect);
    got = await steady();
    if (got[0] === width && got[1] === height) return;
    rect = { width: rect.width + width - got[0], height: rect.height + height - got[1] };
  }
  throw new Error(`WebKit viewport stayed ${got[0]}×${got[1]}, asked for ${width}×${height}`);
}

function wrap(session: WebDriver, close: () => Promise<void>): EnginePage {
  return {
    goto: (url) => session.get(url),
    eval: (fn, ...args) => session.executeScript(`return ${callSource(fn, args)}`) as never,
    async evalSource(source) {
      await session.executeScript(source);
    },
    async clickAt(x, y) {
      await session.actions().move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT }).press().release().perform();
    },
    async type(text) {
      // Key actions go to the focused element, wherever it is (here: inside the widget's shadow root).
      await session.actions().sendKeys(text).perform();
    },
    async press(key) {
      await session.actions().sendKeys(KEYS[key]).perform();
    },
    async screenshot(path) {
      await session.executeScript('return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
      await writeFile(path, Buffer.from(await session.takeScreenshot(), 'base64'));
    },
    close,
  };
}

function withoutLocale(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('LC_')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
