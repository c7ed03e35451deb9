import { afterEach, describe, expect, it } from 'vitest';
import { emit } from '../../widget/ui/events.ts';
import { DARK, themeCss } from '../../widget/ui/theme.ts';
import { DARK as CHECKED_DARK } from '../../proxy/config/presentation-schema.ts';
import type { InletEventDetail, MountOptions } from '../../widget/types.ts';

const detail: InletEventDetail = { form: 'welcome', variant: 'b', layout: 'modal', step: 0 };

describe('widget events', () => {
  afterEach(() => delete (window as unknown as { dataLayer?: unknown }).dataLayer);

  it('dispatches inlet:<type> on window and calls the loader back with the same detail', () => {
    const seen: unknown[] = [];
    const listener = (e: Event) => seen.push(['window', (e as CustomEvent).detail]);
    window.addEventListener('inlet:submit', listener);
    emit({ api: '', site: 's', onEvent: (type, d) => seen.push([type, d]) }, 'submit', { ...detail, id: 'sub-1' });
    window.removeEventListener('inlet:submit', listener);
    expect(seen).toEqual([['window', { ...detail, id: 'sub-1' }], ['submit', { ...detail, id: 'sub-1' }]]);
  });

  it('pushes to window.dataLayer only when asked to', () => {
    const options: MountOptions = { api: '', site: 's' };
    emit(options, 'show', detail);
    expect((window as unknown as { dataLayer?: unknown }).dataLayer).toBeUndefined();
    emit({ ...options, dataLayer: true }, 'show', detail);
    expect((window as unknown as { dataLayer: unknown[] }).dataLayer).toEqual([{ event: 'inlet_show', inlet: detail }]);
  });
});

describe('theme tokens', () => {
  it('become custom properties on the shadow host, followed by the form’s own CSS', () => {
    const css = themeCss({ accent: '#0a7', radius: 4, width: 500, font: 'inherit', css: '.panel{padding:40px}' }, () => 'Inter, sans-serif');
    expect(css).toBe(':host{--inlet-accent:#0a7;--inlet-radius:4px;--inlet-font:Inter, sans-serif;--inlet-width:500px}\n.panel{padding:40px}');
  });

  it('renders the dark colours the config check assumed for those a dark variant leaves unset', () => {
    expect(DARK).toEqual(CHECKED_DARK);
    expect(themeCss({ accent: '#0a7', dark: { background: '#111' } }, () => '')).toContain(
      `@media (prefers-color-scheme:dark){:host{--inlet-accent:#0a7;--inlet-on-accent:${DARK.accentText};--inlet-bg:#111;--inlet-text:${DARK.text}}}`,
    );
  });

  it('cannot close the rule from a token value', () => {
    expect(themeCss({ font: 'x;} body{display:none' }, () => '')).toBe(':host{--inlet-font:x body' + 'display:none}\n');
  });
});
