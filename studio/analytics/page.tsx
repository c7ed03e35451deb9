/**
 * A standalone page that renders the dashboard from `GET /v1/studio/analytics`, for tests and for
 * operators before the studio lands: `page.html?site=shop&form=welcome&version=2`, the admin token
 * typed into the form (kept in sessionStorage for this tab only).
 */
import { render } from 'preact';
import { signal } from '@preact/signals';
import type { AnalyticsReport } from '../../proxy/analytics/report.ts';
import { AnalyticsDashboard } from './dashboard.tsx';
import { EN } from './strings.ts';

const state = signal<{ report?: AnalyticsReport; error?: string; loading: boolean }>({ loading: false });
const TOKEN = 'inlet:studio-token';

async function load(token: string) {
  state.value = { loading: true };
  const query = new URLSearchParams(location.search);
  const api = query.get('api') ?? location.origin;
  query.delete('api');
  try {
    const response = await fetch(`${api}/v1/studio/analytics?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.json();
    state.value = response.ok ? { report: body, loading: false } : { error: body.message ?? EN.failed, loading: false };
  } catch {
    state.value = { error: EN.failed, loading: false };
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
          <label for="token">Admin token</label> <input id="token" name="token" type="password" autocomplete="off" required /> <button type="submit">Show analytics</button>
        </form>
      )}
      {loading && <p role="status">{EN.loading}</p>}
      {error && <p role="alert">{error}</p>}
      {report && <AnalyticsDashboard report={report} />}
    </main>
  );
}

render(<Page />, document.getElementById('app')!);
const saved = sessionStorage.getItem(TOKEN);
if (saved) void load(saved);
