/** The site's activity log, the delivery counters (no personal data) and dead letters to replay or drop. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api } from '../api.ts';
import { formatDate, t } from '../i18n.ts';
import { can, flash } from '../models/app.ts';

interface Entry { seq: number; at: number; actor: string; action: string; form: string | null; detail: Record<string, unknown> | null }
interface Data { entries: Entry[]; delivery: { accepted?: number; delivered?: number; deadLettered: number; queue: number } | null; deadLetters: { id: string; reason: string; status: number; attempts: number; deadAt: number }[] | null }

export function ActivityPage({ site }: { site: string }) {
  const data = useSignal<Data | null>(null);
  const publisher = can('publisher').value;
  const load = async () => (data.value = await api<Data>('GET', `/sites/${site}/activity`));
  useEffect(() => void load(), [site]);
  const d = data.value;
  const act = async (method: string, id: string, done: string) => {
    await api(method, `/sites/${site}/dead-letters/${encodeURIComponent(id)}${method === 'POST' ? '/replay' : ''}`);
    flash(done);
    await load();
  };
  return (
    <>
      <div class="page-head"><h1 tabIndex={-1}>{t('activity')}</h1></div>
      {!d ? <p role="status">…</p> : (
        <>
          {d.delivery && (
            <section aria-labelledby="delivery-h" class="stats">
              <h2 id="delivery-h">{t('delivery')}</h2>
              <dl>
                <div><dt>{t('accepted')}</dt><dd>{d.delivery.accepted ?? 0}</dd></div>
                <div><dt>{t('delivered')}</dt><dd>{d.delivery.delivered ?? 0}</dd></div>
                <div><dt>{t('queue')}</dt><dd>{d.delivery.queue}</dd></div>
                <div><dt>{t('deadLettered')}</dt><dd>{d.delivery.deadLettered}</dd></div>
              </dl>
            </section>
          )}
          {d.deadLetters && (
            <section aria-labelledby="dl-h">
              <h2 id="dl-h">{t('deadLetters')}</h2>
              {d.deadLetters.length === 0 ? <p class="muted">{t('none')}</p> : (
                <table class="table">
                  <thead><tr><th scope="col">{t('when')}</th><th scope="col">{t('reason')}</th><th scope="col"><span class="sr">{t('replay')}</span></th></tr></thead>
                  <tbody>
                    {d.deadLetters.map((l) => (
                      <tr key={l.id}>
                        <td>{formatDate(l.deadAt)}</td>
                        <td>{l.reason} <span class="muted">(HTTP {l.status}, ×{l.attempts})</span></td>
                        <td><div class="row-actions">{publisher && <><button type="button" class="ghost small" onClick={() => void act('POST', l.id, t('replay'))}>{t('replay')}</button><button type="button" class="ghost small danger" onClick={() => void act('DELETE', l.id, t('drop'))}>{t('drop')}</button></>}</div></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          )}
          <section aria-labelledby="log-h">
            <h2 id="log-h">{t('activity')}</h2>
            <table class="table log">
              <thead><tr><th scope="col">{t('when')}</th><th scope="col">{t('who')}</th><th scope="col">{t('what')}</th><th scope="col">{t('formCol')}</th></tr></thead>
              <tbody>
                {d.entries.map((e) => (
                  <tr key={e.seq}>
                    <td>{formatDate(e.at)}</td>
                    <td>{e.actor}</td>
                    <td><span class={`action ${e.action.replace(/\s+/g, '-')}`}>{e.action}</span>{e.detail ? <span class="muted"> {describe(e.detail)}</span> : null}</td>
                    <td class="mono">{e.form ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}

function describe(detail: Record<string, unknown>): string {
  if ('to' in detail) return `v${detail.from} → v${detail.to}`;
  if ('version' in detail) return `v${detail.version}`;
  if ('template' in detail) return `← ${detail.template}`;
  if ('duplicate' in detail) return `← ${detail.duplicate}`;
  if ('user' in detail) return `${detail.user}${detail.role ? ` (${detail.role})` : ''}`;
  return '';
}
