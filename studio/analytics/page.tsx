/**
 * A standalone page that renders the dashboard from `GET /v1/studio/analytics`, for tests and for
 * operators before the studio lands: `page.html?site=shop&form=welcome&version=2`, the admin token
 * typed into the form (kept in sessionStorage for this tab only). `?lang=fr` (or the browser's
 * language) picks the words; the page takes that language and its direction.
 */
import { render } from 'preact';
import { signal } from '@preact/signals';
import type { AnalyticsReport } from '../../proxy/analytics/report.ts';
import { AnalyticsDashboard } from './dashboard.tsx';
import { dashboardStrings } from './strings.ts';

const state = signal<{ report?: AnalyticsReport; error?: string; loading: boolean }>({ loading: false });
const TOKEN = 'inlet:studio-token';
const params = new URLSearchParams(location.search);
const { strings: t, lang, dir } = dashboardStrings(params.get('lang') ?? navigator.language);
document.documentElement.lang = lang;
document.documentElement.dir = dir;
document.title = t.title;

async function load(token: string) {
  state.value = { loading: true };
  const query = new URLSearchParams(location.search);
  const api = query.get('api') ?? location.origin;
  query.delete('api');
  query.delete('lang');
  try {
    const response = await fetch(`${api}/v1/studio/analytics?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.json();
    state.value = response.ok ? { report: body, loading: false } : { error: body.message ?? t.failed, loading: false };
  } catch {
    state.value = { error: t.failed, loading: false };
  }
}

function Page() {
  const { report, error, loading } = state.value;
  return (
    <main>
      {!report && (
        <form
          class="token"
          onSubmit={(e) => {
            e.preventDefault();
            const token = (e.currentTarget.elements.namedItem('token') as HTMLInputElement).value;
            sessionStorage.setItem(TOKEN, token);
            void load(token);
          }}
        >
          <label for="token">{t.token}</label> <input id="token" name="token" type="password" autocomplete="off" required /> <button type="submit">{t.show}</button>
        </form>
      )}
      {loading && <p role="status">{t.loading}</p>}
      {error && <p role="alert">{error}</p>}
      {report && <AnalyticsDashboard report={report} strings={t} locale={lang} />}
    </main>
  );
}

render(<Page />, document.getElementById('app')!);
const saved = sessionStorage.getItem(TOKEN);
if (saved) void load(saved);
