/**
 * The "Results" tab of a form: the slot where the analytics dashboard mounts. Until analytics is
 * connected (`connectResults`), it says what will appear. The dashboard gets the site, the form and
 * whether the signed-in person may promote a winning variant (a publisher); its data comes from
 * `GET /v1/studio/analytics`, which checks the same studio session (proxy/studio/access.ts).
 */
import type { ComponentType } from 'preact';
import { signal } from '@preact/signals';
import { t } from '../i18n.ts';

export interface ResultsProps {
  site: string;
  form: string;
  /** A publisher: may promote a winning variant. */
  canPublish: boolean;
}

/** The dashboard component, once analytics registers it (e.g. `AnalyticsDashboard`). */
export const resultsView = signal<ComponentType<ResultsProps> | null>(null);

export function connectResults(view: ComponentType<ResultsProps>): void {
  resultsView.value = view;
}

export function ResultsTab(props: ResultsProps) {
  const View = resultsView.value;
  if (View) return <View {...props} />;
  return (
    <section class="results-empty" aria-labelledby="results-h">
      <h2 id="results-h">{t('results')}</h2>
      <p class="muted">{t('resultsPending')}</p>
    </section>
  );
}
