import type { PublishedForm } from './form-types.ts';

type Theme = NonNullable<PublishedForm['theme']>;

// Values come from the published config; stripping these keeps a token from closing the rule.
const clean = (value: string) => value.replace(/[;{}<>\\]/g, '');
const px = (n: number | undefined) => (n === undefined ? undefined : `${n}px`);
const declare = (vars: [string, string | undefined][]) =>
  vars
    .filter(([, v]) => v)
    .map(([k, v]) => `--inlet-${k}:${clean(v!)}`)
    .join(';');
const colours = (c: Partial<Record<'accent' | 'accentText' | 'background' | 'text', string>>): [string, string | undefined][] => [
  ['accent', c.accent],
  ['on-accent', c.accentText],
  ['bg', c.background],
  ['text', c.text],
];

/** The widget's dark colours; proxy/config/presentation-schema.ts checks dark variants against the same. */
export const DARK = { accent: '#5fd4ae', accentText: '#0b1f18', background: '#1c1c1e', text: '#f5f5f7' };

/** Theme tokens as custom properties on the shadow host (a dark set when the system prefers it), then the form's own CSS. */
export function themeCss(theme: PublishedForm['theme'], hostFont: () => string, shade?: string): string {
  if (!theme) return shade ? `:host{--inlet-shade:${clean(shade)}}\n` : '';
  const font = theme.webFont ? theme.webFont.family : theme.font === 'inherit' ? hostFont() : theme.font;
  const vars = declare([
    ...colours(theme),
    ['radius', px(theme.radius)],
    ['font', font],
    ['width', px(theme.width)],
    ['hw', theme.heading?.weight === undefined ? undefined : String(theme.heading.weight)],
    ['overlay', theme.overlay?.colour],
    ['blur', px(theme.overlay?.blur)],
    ['shade', shade],
  ]);
  const d = theme.dark;
  // A colour the dark variant leaves unset takes the widget's dark one (the accent: the light theme's),
  // the colours the config's contrast check assumed, rather than the light colour it would inherit.
  const dark = d
    ? `\n@media (prefers-color-scheme:dark){:host{${declare(
        colours({ accent: d.accent ?? theme.accent ?? DARK.accent, accentText: d.accentText ?? theme.accentText ?? DARK.accentText, background: d.background ?? DARK.background, text: d.text ?? DARK.text }),
      )}}}`
    : '';
  return `:host{${vars}}${dark}\n${theme.css ?? ''}`;
}

/** Classes on the form's root for the design choices CSS picks up (button style, label mode, scale…). */
export function designClasses(form: PublishedForm): string {
  const t: Partial<Theme> = form.theme ?? {};
  const p = form.presentation;
  const media = p?.media;
  return [
    'root',
    `a-${t.animation ?? 'slide'}`,
    `btn-${t.button ?? 'filled'}`,
    t.buttonCase === 'uppercase' && 'uc',
    t.close === 'start' && 'c-start',
    `h-${t.heading?.size ?? 'm'}`,
    `b-${t.body?.size ?? 'm'}`,
    p?.labels === 'floating' && 'fl',
    media && (media.placement === 'start' || media.placement === 'end') && 'm-split',
  ]
    .filter(Boolean)
    .join(' ');
}

const fonts = new Set<string>();

/** A web font is a stylesheet of @font-face rules, which only apply from the document (not inside a shadow root). */
export function loadWebFont(theme: PublishedForm['theme'], nonce?: string): void {
  const url = theme?.webFont?.url;
  if (!url || fonts.has(url)) return;
  fonts.add(url);
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = url;
  if (nonce) link.nonce = nonce;
  document.head.append(link);
}
