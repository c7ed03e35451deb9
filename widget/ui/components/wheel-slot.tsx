/**
 * Where a spin-to-win wheel goes on the success step. The wheel lives in its own chunk
 * (widget/ui/wheel.ts), imported only when a form's offer is a wheel; it builds itself into the
 * element rendered here.
 */
import type { PublishedForm } from '../form-types.ts';
import { text } from '../form-types.ts';

type WheelConfig = Extract<NonNullable<PublishedForm['offer']>, { wheel: unknown }>['wheel'];

export function WheelSlot({ wheel, segment, lang, spin, won, onDone }: { wheel: WheelConfig; segment: number; lang: string; spin: string; won: string; onDone(): void }) {
  const labels = wheel.segments.map((s) => text(s.label, lang));
  const mount = (host: HTMLDivElement | null) => {
    if (!host || host.childElementCount) return;
    void import('../wheel.ts').then((m) => m.mountWheel(host, { labels, colors: wheel.segments.map((s) => s.color), segment, spinLabel: spin, won: won.replace('{prize}', labels[segment] ?? ''), onDone }));
  };
  return <div class="wheel" ref={mount} />;
}
