/** Sign-in: email and password; the proxy's message (wrong password, throttled) is shown as is. */
import { useSignal } from '@preact/signals';
import { lang, setLang, t, type Lang } from '../i18n.ts';
import { signIn } from '../models/app.ts';

export function Login() {
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    busy.value = true;
    error.value = null;
    try {
      await signIn(String(data.get('email')), String(data.get('password')));
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  };
  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit} aria-describedby={error.value ? 'login-error' : undefined}>
        <p class="brand"><span class="logo" aria-hidden="true">◆</span> Inlet</p>
        <h1>{t('signInTitle')}</h1>
        <p class="lead">{t('signInLead')}</p>
        <label class="field">
          <span>{t('email')}</span>
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label class="field">
          <span>{t('password')}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error.value && <p id="login-error" class="error" role="alert">{error.value}</p>}
        <button type="submit" class="primary" disabled={busy.value}>{t('signIn')}</button>
        <label class="lang-pick inline">
          <span>{t('language')}</span>
          <select value={lang.value} onChange={(e) => setLang((e.target as HTMLSelectElement).value as Lang)}>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
      </form>
    </main>
  );
}
