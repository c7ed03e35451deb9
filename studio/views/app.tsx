/** The shell: sign-in when signed out; otherwise a sidebar (site, sections) and the current page. */
import { lang, setLang, t, type Lang } from '../i18n.ts';
import { go, href, me, notice, route, signOut, site, type Route } from '../models/app.ts';
import { Login } from './login.tsx';
import { FormsPage } from './forms-page.tsx';
import { EditorPage } from './editor-page.tsx';
import { ActivityPage } from './activity-page.tsx';
import { PeoplePage } from './people-page.tsx';

export function App() {
  const m = me.value;
  if (m === undefined) return <p class="loading" role="status">…</p>;
  if (m === null) return <Login />;
  const s = site.value;
  const r = route.value;
  const nav = (target: Route, label: string) => (
    <a
      href={href(target)}
      aria-current={r.view === target.view || (r.view === 'editor' && target.view === 'forms') ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        go(target);
      }}
    >
      {label}
    </a>
  );
  return (
    <div class="shell">
      <a class="skip" href="#main">{t('skip')}</a>
      <header class="sidebar">
        <div class="brand">
          <span class="logo" aria-hidden="true">◆</span> {t('appName')}
        </div>
        {m.sites.length > 1 ? (
          <label class="site-pick">
            <span id="site-pick">{t('site')}</span>
            <select aria-labelledby="site-pick" value={s?.id} onChange={(e) => go({ view: 'forms', site: (e.target as HTMLSelectElement).value })}>
              {m.sites.map((x) => (
                <option value={x.id} key={x.id}>{x.id}</option>
              ))}
            </select>
          </label>
        ) : (
          <p class="site-pick"><span>{t('site')}</span> <strong>{s?.id}</strong></p>
        )}
        {s && (
          <nav aria-label={t('appName')}>
            {nav({ view: 'forms', site: s.id }, t('forms'))}
            {nav({ view: 'activity', site: s.id }, t('activity'))}
            {nav({ view: 'people', site: s.id }, t('people'))}
          </nav>
        )}
        <div class="account">
          <p class="who">
            <span class="name">{m.user.name}</span>
            <span class="role">{s ? t(s.role === 'editor' ? 'editorRole' : s.role) : ''}</span>
          </p>
          <label class="lang-pick">
            <span id="ui-lang">{t('language')}</span>
            <select aria-labelledby="ui-lang" value={lang.value} onChange={(e) => setLang((e.target as HTMLSelectElement).value as Lang)}>
              <option value="en">English</option>
              <option value="fr">Français</option>
            </select>
          </label>
          <button type="button" class="ghost" onClick={() => void signOut()}>{t('signOut')}</button>
        </div>
      </header>
      <main id="main" class="content">
        {notice.value && (
          <p class={`notice ${notice.value.tone}`} role={notice.value.tone === 'error' ? 'alert' : 'status'}>
            {notice.value.text}
          </p>
        )}
        {!s ? null : r.view === 'editor' ? <EditorPage key={`${s.id}/${r.form}`} site={s.id} formId={r.form} /> : r.view === 'activity' ? <ActivityPage key={s.id} site={s.id} /> : r.view === 'people' ? <PeoplePage key={s.id} site={s.id} /> : <FormsPage key={s.id} site={s.id} />}
      </main>
    </div>
  );
}
