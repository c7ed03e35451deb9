/**
 * The studio as a marketer meets it, in any engine: find controls by their visible label or text,
 * click them with a real pointer and type with real key events (the Engine verbs only), and wait
 * for what the page says. Used by test/engines/studio.test.ts.
 */
import { until, type EnginePage, type EngineName } from '../helpers/engines/engine.ts';

export class StudioPage {
  readonly page: EnginePage;
  readonly engine: EngineName;
  constructor(page: EnginePage, engine: EngineName) {
    this.page = page;
    this.engine = engine;
  }

  /**
   * The centre of the first visible element matching `selector` whose text (or the text of the label
   * that names it) contains `text`, scrolled into view.
   */
  private point(selector: string, text: string): Promise<{ x: number; y: number } | null> {
    return this.page.eval(
      (sel: string, want: string) => {
        const named = (el: Element) => {
          const own = (el.textContent ?? '') + ' ' + (el.getAttribute('aria-label') ?? '');
          const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
          return own.includes(want) || label.includes(want);
        };
        const el = [...document.querySelectorAll(sel)].find((e) => named(e) && (e as HTMLElement).offsetParent !== null) as HTMLElement | undefined;
        if (!el) return null;
        el.scrollIntoView({ block: 'center', inline: 'center' });
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      },
      selector,
      text,
    );
  }

  async click(selector: string, text: string): Promise<void> {
    const at = await until(() => this.point(selector, text), `${selector} "${text}" in the studio (${this.engine})`);
    await this.page.clickAt(at.x, at.y);
  }

  /** Clicks the field labelled `label`, selects what it holds, and types `value` over it. */
  async fill(label: string, value: string): Promise<void> {
    await this.click('input, textarea', label);
    await this.page.eval(() => (document.activeElement as HTMLInputElement | null)?.select?.());
    await this.page.type(value);
  }

  /** Waits until the page's visible text contains `text`. */
  async sees(text: string, timeoutMs = 15_000): Promise<void> {
    await until(() => this.page.eval((t: string) => document.body.innerText.includes(t), text), `"${text}" in the studio (${this.engine})`, timeoutMs);
  }
}
