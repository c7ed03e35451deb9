import type { PublishedForm } from './form-types.ts';

// Values come from the published config; stripping these keeps a token from closing the rule.
const clean = (value: string) => value.replace(/[;{}<>\\]/g, '');

/** Theme tokens as custom properties on the shadow host, then the form's own CSS (scoped by the shadow root). */
export function themeCss(theme: PublishedForm['theme'], hostFont: () => string): string {
  if (!theme) return '';
  const vars: [string, string | undefined][] = [
    ['accent', theme.accent],
    ['on-accent', theme.accentText],
    ['bg', theme.background],
    ['text', theme.text],
    ['radius', theme.radius === undefined ? undefined : `${theme.radius}px`],
    ['font', theme.font === 'inherit' ? hostFont() : theme.font],
    ['width', theme.width === undefined ? undefined : `${theme.width}px`],
  ];
  const declared = vars.filter(([, v]) => v).map(([k, v]) => `--inlet-${k}:${clean(v!)}`);
  return `:host{${declared.join(';')}}\n${theme.css ?? ''}`;
}
