/** Versions of a form: which is live, make an older one live (rollback), and a readable diff. */
import { formatDate, t } from '../i18n.ts';
import { flash } from '../models/app.ts';
import type { Editor } from '../models/editor.ts';

const label = (which: string) => (/^\d+$/.test(which) ? `v${which}` : which);
const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

export function Versions({ editor, canPublish }: { editor: Editor; canPublish: boolean }) {
  const live = editor.live.value;
  const diff = editor.diff.value;
  return (
    <div class="versions">
      <div class="actions">
        {live !== null && <button type="button" class="ghost" onClick={() => void editor.compare('live', 'draft')}>{t('compare')} (draft)</button>}
        {canPublish && live !== null && <button type="button" class="ghost danger" onClick={() => void editor.end().then(() => flash(t('ended')))}>{t('endNow')}</button>}
      </div>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('version')}</th>
            <th scope="col">{t('when')}</th>
            <th scope="col">{t('who')}</th>
            <th scope="col"><span class="sr">{t('makeLive')}</span></th>
          </tr>
        </thead>
        <tbody>
          {editor.versions.value.map((v) => (
            <tr key={v.version}>
              <th scope="row">v{v.version} {v.version === live && <span class="pill live">{t('isLive')}</span>}</th>
              <td>{formatDate(v.createdAt)}</td>
              <td>{v.createdBy}{v.note ? <span class="muted"> · {v.note}</span> : null}</td>
              <td>
                <div class="row-actions">
                {live !== null && v.version !== live && <button type="button" class="ghost small" onClick={() => void editor.compare(String(live), String(v.version))} aria-label={`${t('diffTitle')}: v${live} → v${v.version}`}>{t('diffTitle')}</button>}
                {canPublish && v.version !== live && (
                  <button type="button" class="ghost small" onClick={() => void editor.makeLive(v.version).then(() => flash(t('rolledBack', { v: v.version })))} aria-label={`${t('makeLive')}: v${v.version}`}>
                    {t('makeLive')}
                  </button>
                )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff && (
        <section class="diff" aria-labelledby="diff-h">
          <h2 id="diff-h">{t('diffTitle')}: {label(diff.from)} → {label(diff.to)}</h2>
          {diff.lines.length === 0 ? <p>{t('noDiff')}</p> : (
            <ul>
              {diff.lines.map((l, i) => (
                <li key={i} class={l.kind}>
                  <span class="kind">{t(l.kind)}</span> <strong>{l.where}</strong>
                  {l.kind === 'changed' ? <> <del>{show(l.before)}</del> → <ins>{show(l.after)}</ins></> : l.kind === 'added' ? <> <ins>{show(l.after)}</ins></> : <> <del>{show(l.before)}</del></>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
