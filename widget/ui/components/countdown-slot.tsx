/**
 * Where a countdown goes. The timer lives in its own chunk (widget/ui/countdown.tsx), fetched only
 * by forms that have one; until it arrives, a placeholder of the same size keeps the layout still.
 */
import { signal } from '@preact/signals-core';
import type { PublishedForm } from '../form-types.ts';

type Config = NonNullable<NonNullable<PublishedForm['presentation']>['countdown']>;
type CountdownModule = typeof import('../countdown.tsx');

const loaded = signal<CountdownModule | undefined>(undefined);
const now = signal(Date.now());
let loading: Promise<unknown> | undefined;

export function Countdown({ form, config, label }: { form: PublishedForm; config: Config; label: string }) {
  loading ??= import('../countdown.tsx').then((m) => {
    // The clock last read when the UI chunk loaded: a countdown of N minutes would start above N.
    now.value = Date.now();
    loaded.value = m;
    setInterval(() => (now.value = Date.now()), 1000);
  }, () => (loading = undefined));
  const mod = loaded.value;
  return (
    <p class="countdown" role="timer">
      {label}
      <b>{mod ? mod.remaining(form.id, config, now.value) : '--:--:--'}</b>
    </p>
  );
}
