/**
 * Spin-to-win, in its own chunk: fetched only by forms whose offer is a wheel, and written against
 * the DOM directly so it shares no module with the UI chunk (which would split one out). The prize
 * was drawn by the proxy when the sign-up was accepted; the wheel only shows it. The visitor starts
 * the spin (a button, so keyboard alone works), the wheel turns to the drawn segment under the
 * pointer and a live region announces the prize. With reduced motion it shows the result at once.
 */
/** The form's wheel as published: segments with their (localised) labels and optional colours. */
export interface WheelConfig {
  segments: { label: string | Record<string, string>; color?: string }[];
}

// Dark enough for white labels (≥ 4.5:1).
const PALETTE = ['#1d4ed8', '#b91c1c', '#047857', '#6d28d9', '#9a3412', '#0f766e'];
const TURNS = 5;
const SVG = 'http://www.w3.org/2000/svg';
const CSS = `.wheel{position:relative;display:grid;justify-items:center;gap:12px;margin:0 0 12px}
.wheel svg{width:min(240px,70vw);height:auto;transition:transform 4.2s cubic-bezier(.15,.8,.2,1)}
.wheel .pin{position:absolute;top:-4px;width:0;height:0;border:12px solid transparent;border-top:20px solid currentColor;z-index:1}
.wheel text{font:600 .1px system-ui,sans-serif;fill:#fff}
@media (prefers-reduced-motion:reduce){.wheel svg{transition:none}}`;

/** Where segment `i` of `n` lands under the top pointer after whole turns: its centre at 0°. */
export const restingAngle = (i: number, n: number) => TURNS * 360 + (360 - (i + 0.5) * (360 / n));

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = '') => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.textContent = text;
  return node;
};
const svg = (tag: string, attrs: Record<string, string>) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};

/**
 * Builds the wheel into `host` (a `.wheel` element the UI chunk rendered) and returns its teardown.
 * `segment` is the one the proxy drew; `t` localises a label (the UI chunk's `text`, passed in so
 * this chunk imports nothing); `strings.won` is the announcement once it stopped ("You won: {prize}").
 */
export function mountWheel(host: HTMLElement, wheel: WheelConfig, segment: number, t: (label: WheelConfig['segments'][number]['label']) => string, strings: { spin: string; won: string }, onDone: () => void): () => void {
  const labels = wheel.segments.map((s) => t(s.label));
  const colors = wheel.segments.map((s) => s.color);
  const spinLabel = strings.spin;
  const won = strings.won.replace('{prize}', labels[segment] ?? '');
  const n = labels.length;
  const slice = (2 * Math.PI) / n;
  const disc = svg('svg', { viewBox: '-1 -1 2 2', role: 'img', 'aria-label': labels.join(', ') });
  labels.forEach((label, i) => {
    // Segment i spans one slice clockwise from i·slice past the top.
    const a0 = i * slice - Math.PI / 2;
    const a1 = a0 + slice;
    const p = (a: number) => `${Math.cos(a).toFixed(4)} ${Math.sin(a).toFixed(4)}`;
    disc.append(svg('path', { d: `M0 0L${p(a0)}A1 1 0 ${slice > Math.PI ? 1 : 0} 1 ${p(a1)}Z`, fill: colors[i] ?? PALETTE[i % PALETTE.length]!, stroke: '#fff', 'stroke-width': '.01' }));
    const t = svg('text', { x: '.58', y: '.035', 'text-anchor': 'middle', transform: `rotate(${(((a0 + a1) / 2) * 180) / Math.PI})` });
    t.textContent = label;
    disc.append(t);
  });
  const button = el('button', { type: 'button', class: 'submit' }, spinLabel);
  const status = el('p', { role: 'status', class: 'won' });
  host.replaceChildren(el('style', {}, CSS), el('span', { class: 'pin', 'aria-hidden': 'true' }), disc, button, status);

  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    button.remove();
    status.textContent = won;
    onDone();
  };
  button.addEventListener('click', () => {
    if (button.disabled) return;
    button.disabled = true;
    disc.addEventListener('transitionend', finish, { once: true });
    disc.style.transform = `rotate(${restingAngle(segment, n)}deg)`;
    // No animation to wait for: show the result at once.
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) finish();
  });
  return () => host.replaceChildren();
}
