/** The forms of a site: status, layout, last publish; create from a template, from scratch, or duplicate. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { formatDate, lang, t } from '../i18n.ts';
import { can, flash, go, href } from '../models/app.ts';
import { createForm, forms, loadForms, templates, textOf, type FormSummary } from '../models/forms.ts';

export function FormsPage({ site }: { site: string }) {
  const creating = useSignal<null | { from: { template: string } | { duplicate: string } }>(null);
  const editor = can('editor');
  useEffect(() => void loadForms(site), [site]);
  const list = forms.value;
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{t('forms')}</h1>
        {editor.value && (
          <button type="button" class="primary" onClick={() => (creating.value = { from: { template: templates.value[0]?.id ?? 'blank' } })}>
            {t('newForm')}
          </button>
        )}
      </div>
      {creating.value && <CreateForm site={site} initial={creating.value.from} onClose={() => (creating.value = null)} />}
      {list === null ? (
        <p role="status">…</p>
      ) : list.length === 0 ? (
        <p class="empty">{t('noForms')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('title')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('layout')}</th>
              <th scope="col">{t('lastPublish')}</th>
              <th scope="col"><span class="sr">{t('duplicate')}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.map((f) => (
              <Row key={f.id} site={site} form={f} canEdit={editor.value} onDuplicate={() => (creating.value = { from: { duplicate: f.id } })} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Row({ site, form, canEdit, onDuplicate }: { site: string; form: FormSummary; canEdit: boolean; onDuplicate: () => void }) {
  const title = textOf(form.title, lang.value) || form.id;
  return (
    <tr>
      <th scope="row">
        <a
          href={href({ view: 'editor', site, form: form.id })}
          onClick={(e) => {
            e.preventDefault();
            go({ view: 'editor', site, form: form.id });
          }}
        >
          {title}
        </a>
        <span class="muted mono">{form.id}</span>
      </th>
      <td><Status status={form.status} /></td>
      <td>{form.layout}</td>
      <td>{form.lastPublish ? <>v{form.lastPublish.version} · {formatDate(form.lastPublish.at)} <span class="muted">{t('by')} {form.lastPublish.by}</span></> : <span class="muted">{t('never')}</span>}</td>
      <td>{canEdit && <button type="button" class="ghost small" onClick={onDuplicate} aria-label={`${t('duplicate')} ${title}`}>{t('duplicate')}</button>}</td>
    </tr>
  );
}

export function Status({ status }: { status: string }) {
  return <span class={`pill ${status}`}>{t(status as 'live')}</span>;
}

/** The template gallery: one radio per template (arrow keys move between them), with its thumbnail. */
function Gallery({ initial }: { initial: string }) {
  return (
    <fieldset class="gallery">
      <legend>{t('fromTemplate')}</legend>
      <ul role="list">
        {templates.value.map((tpl) => {
          const name = tpl.name[lang.value] ?? tpl.name.en ?? tpl.id;
          return (
            <li key={tpl.id}>
              <label class="template">
                <input type="radio" name="template" value={tpl.id} defaultChecked={tpl.id === initial} aria-describedby={`tpl-${tpl.id}-d`} />
                {tpl.thumbnail ? <img src={tpl.thumbnail} alt="" width={320} height={200} loading="lazy" /> : <span class="blank-thumb" aria-hidden="true">+</span>}
                <span class="template-name">{name}</span>
                <small id={`tpl-${tpl.id}-d`}>
                  {tpl.description} · {tpl.layout} · {tpl.languages.join(', ').toUpperCase()}
                </small>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function CreateForm({ site, initial, onClose }: { site: string; initial: { template: string } | { duplicate: string }; onClose: () => void }) {
  const error = useSignal<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const id = String(data.get('id'));
    const from = 'duplicate' in initial ? initial : { template: String(data.get('template')) };
    try {
      await createForm(site, id, from);
      flash(`${id} ✓`);
      go({ view: 'editor', site, form: id });
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  };
  return (
    <form class="card create" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">{'duplicate' in initial ? `${t('duplicate')} “${initial.duplicate}”` : t('newForm')}</h2>
      <div class="row">
        <label class="field">
          <span>{t('formId')}</span>
          <input name="id" required pattern="[a-z0-9][a-z0-9\-]{0,63}" aria-describedby="id-help id-error" aria-invalid={error.value ? 'true' : undefined} autoFocus />
          <small id="id-help">{t('formIdHelp')}</small>
        </label>
        {!('duplicate' in initial) && (
          <span />
        )}
      </div>
      {!('duplicate' in initial) && <Gallery initial={initial.template} />}
      {error.value && <p id="id-error" class="error" role="alert">{error.value}</p>}
      <div class="actions">
        <button type="submit" class="primary">{t('create')}</button>
        <button type="button" class="ghost" onClick={onClose}>{t('cancel')}</button>
      </div>
    </form>
  );
}
