/** People with a role on the site; a publisher adds and removes them (removing ends their sessions). */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { t } from '../i18n.ts';
import { can, flash, me } from '../models/app.ts';

interface Person { id: string; email: string; name: string; role: 'viewer' | 'editor' | 'publisher' }

export function PeoplePage({ site }: { site: string }) {
  const people = useSignal<Person[] | null>(null);
  const error = useSignal<string | null>(null);
  const publisher = can('publisher').value;
  const load = async () => (people.value = (await api<{ users: Person[] }>('GET', `/sites/${site}/users`)).users);
  useEffect(() => void load(), [site]);
  const add = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form));
    try {
      await api('POST', `/sites/${site}/users`, data);
      error.value = null;
      form.reset();
      flash(`${data.email} ✓`);
      await load();
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  };
  const roleName = (r: Person['role']) => t(r === 'editor' ? 'editorRole' : r);
  return (
    <>
      <div class="page-head"><h1 tabIndex={-1}>{t('people')}</h1></div>
      <table class="table">
        <thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('email')}</th><th scope="col">{t('role')}</th><th scope="col"><span class="sr">{t('remove')}</span></th></tr></thead>
        <tbody>
          {(people.value ?? []).map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.name}</th>
              <td>{p.email}</td>
              <td>{roleName(p.role)}</td>
              <td>{publisher && p.id !== me.value?.user.id && <button type="button" class="ghost small danger" aria-label={`${t('remove')} ${p.email}`} onClick={() => void api('DELETE', `/sites/${site}/users/${p.id}`).then(load)}>{t('remove')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {publisher && (
        <form class="card" onSubmit={add} aria-labelledby="add-h">
          <h2 id="add-h">{t('addPerson')}</h2>
          <div class="row">
            <label class="field"><span>{t('name')}</span><input name="name" autoComplete="off" /></label>
            <label class="field"><span>{t('email')}</span><input name="email" type="email" required autoComplete="off" /></label>
          </div>
          <div class="row">
            <label class="field"><span>{t('role')}</span>
              <select name="role">
                <option value="viewer">{t('viewer')}</option>
                <option value="editor">{t('editorRole')}</option>
                <option value="publisher">{t('publisher')}</option>
              </select>
            </label>
            <label class="field"><span>{t('firstPassword')}</span><input name="password" type="password" minLength={12} autoComplete="new-password" /></label>
          </div>
          {error.value && <p class="error" role="alert">{error.value}</p>}
          <div class="actions"><button type="submit" class="primary">{t('add')}</button></div>
        </form>
      )}
    </>
  );
}
