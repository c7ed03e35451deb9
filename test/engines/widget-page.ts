/**
 * The widget as a visitor meets it, in any engine: open a fixture page of the widget stack
 * (test/e2e/fixtures/widget-stack.ts), find things inside the form's shadow root, click them with a
 * real pointer, and read back what a person would see. Written against the Engine adapters only,
 * so every cross-engine test file uses the same few verbs.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { identifyEngine, until, type Engine, type EnginePage, type EngineName } from '../helpers/engines/engine.ts';
import type { WidgetStack } from '../e2e/fixtures/widget-stack.ts';

export const SCREENSHOTS = 'test-results/engines';
mkdirSync(SCREENSHOTS, { recursive: true });

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class WidgetPage {
  readonly page: EnginePage;
  readonly engine: EngineName;
  constructor(page: EnginePage, engine: EngineName) {
    this.page = page;
    this.engine = engine;
  }

  /** Which engine the page runs in, asked of the browser itself. */
  identify(): Promise<string> {
    return this.page.eval(identifyEngine);
  }

  /** Waits until the widget shows `selector` (in its shadow root), done animating and still for two frames. */
  async settled(selector = '.s'): Promise<void> {
    await until(
      () =>
        this.page.eval(
          (sel: string) =>
            new Promise<boolean>((resolve) => {
              const el = document.querySelector('inlet-form')?.shadowRoot?.querySelector(sel) as HTMLElement | null;
              if (!el) return resolve(false);
              const before = JSON.stringify(el.getBoundingClientRect());
              // Two frames: WebKit may call an entrance animation finished a frame before it paints full opacity.
              requestAnimationFrame(() =>
                requestAnimationFrame(() => {
                  const r = el.getBoundingClientRect();
                  const running = el.getAnimations({ subtree: true }).some((a) => a.playState === 'running' || a.pending);
                  resolve(r.width > 0 && r.height > 0 && !running && getComputedStyle(el).opacity === '1' && JSON.stringify(r) === before);
                }),
              );
            }),
          selector,
        ),
      `the widget's ${selector} to show and settle in ${this.engine}`,
    );
  }

  /** The viewport rectangle of the first element matching `selector` (and containing `text`) in the widget, scrolled into view. */
  rect(selector: string, text?: string): Promise<Rect> {
    return until(
      () =>
        this.page.eval(
          (sel: string, txt: string | null) => {
            const root = document.querySelector('inlet-form')?.shadowRoot;
            const el = [...(root?.querySelectorAll<HTMLElement>(sel) ?? [])].find((e) => txt === null || (e.textContent ?? '').includes(txt));
            if (!el) return null;
            el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
          },
          selector,
          text ?? null,
        ),
      `${selector}${text ? ` with "${text}"` : ''} in the widget (${this.engine})`,
    );
  }

  /** A real pointer click at the middle of a widget element. */
  async click(selector: string, text?: string): Promise<void> {
    const r = await this.rect(selector, text);
    await this.page.clickAt(r.x + r.width / 2, r.y + r.height / 2);
  }

  /** Clicks a field, then types into it with the keyboard. */
  async fill(selector: string, value: string): Promise<void> {
    await this.click(selector);
    await until(async () => (await this.focused()) === `input#${selector.match(/name=(\w+)/)?.[1]}`, `focus in ${selector} after clicking it (${this.engine})`, 3_000);
    await this.page.type(value);
  }

  /** The element focused inside the widget (`null` when focus is outside it), as `tag#name`. */
  focused(): Promise<string | null> {
    return this.page.eval(() => {
      const active = document.querySelector('inlet-form')?.shadowRoot?.activeElement as HTMLInputElement | null | undefined;
      return active ? `${active.tagName.toLowerCase()}${active.name ? `#${active.name}` : ''}` : null;
    });
  }

  bodyFocused(): Promise<boolean> {
    return this.page.eval(() => document.activeElement === document.body);
  }

  value(selector: string): Promise<string | null> {
    return this.page.eval((sel: string) => (document.querySelector('inlet-form')?.shadowRoot?.querySelector(sel) as HTMLInputElement | null)?.value ?? null, selector);
  }

  checked(selector: string): Promise<boolean | null> {
    return this.page.eval((sel: string) => (document.querySelector('inlet-form')?.shadowRoot?.querySelector(sel) as HTMLInputElement | null)?.checked ?? null, selector);
  }

  /** Waits until the widget's text shows `text`. */
  async waitForText(text: string, timeoutMs = 10_000): Promise<void> {
    await until(() => this.page.eval((t: string) => (document.querySelector('inlet-form')?.shadowRoot?.textContent ?? '').includes(t), text), `"${text}" in the widget (${this.engine})`, timeoutMs);
  }

  /** Paths of every resource the page loaded, from the browser's own resource timing. */
  resources(): Promise<string[]> {
    return this.page.eval(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  }

  /** How a person would judge an element of the form: inside the viewport, and not hidden under anything. */
  visibleOnTop(selector: string): Promise<{ inViewport: boolean; onTop: boolean; box: Rect }> {
    return this.page.eval((sel: string) => {
      const host = document.querySelector('inlet-form')!;
      const el = host.shadowRoot!.querySelector(sel) as HTMLElement;
      const r = el.getBoundingClientRect();
      const inViewport = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5;
      const x = r.left + r.width / 2;
      const y = r.top + Math.min(r.height / 2, 40);
      const hit = document.elementFromPoint(x, y);
      const onTop = hit === host && host.shadowRoot!.elementFromPoint(x, y)?.closest(sel) === el;
      return { inViewport, onTop, box: { x: r.x, y: r.y, width: r.width, height: r.height } };
    }, selector);
  }

  /** The page's window events from the widget, as `type:form:step` (recorded by recordEvents). */
  events(): Promise<string[]> {
    return this.page.eval(() => ((window as unknown as { inletEvents?: [string, { form: string; step: number }][] }).inletEvents ?? []).map(([t, d]) => `${t}:${d.form}:${d.step}`));
  }

  async axeViolations(): Promise<string[]> {
    await this.page.evalSource(AXE);
    return this.page.eval(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
  }

  screenshot(name: string): Promise<void> {
    return this.page.screenshot(`${SCREENSHOTS}/${this.engine}-${name}.png`);
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

const AXE = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

/** Opens `path?form=<form>` of the stack's fixture pages in a fresh page of `engine`, and waits for the form to settle. */
export async function openForm(engine: Engine, stack: WidgetStack, form: string, options: { path?: string; width?: number; height?: number } = {}): Promise<WidgetPage> {
  const page = await engine.newPage({ width: options.width ?? 1280, height: options.height ?? 800 });
  const widget = new WidgetPage(page, engine.name);
  try {
    await page.goto(`${stack.pages.url}/${options.path ?? ''}?form=${form}&record`);
    await widget.settled();
  } catch (error) {
    // Say why the form never showed (a script error in this engine, most likely), and free the engine for the next test.
    const errors = await page.eval(() => (window as unknown as { inletErrors?: string[] }).inletErrors ?? []).catch(() => []);
    await page.close().catch(() => {});
    throw new Error(`${(error as Error).message}${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`, { cause: error });
  }
  return widget;
}
