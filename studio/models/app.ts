/** Who is signed in, which site is open, and where in the studio we are (the URL is the truth). */
import { computed, signal } from '@preact/signals';
import { api, ApiError } from '../api.ts';

export type Role = 'viewer' | 'editor' | 'publisher';
export interface SiteAccess { id: string; role: Role; origins: string[] }
export interface Me { user: { id: string; email: string; name: string }; sites: SiteAccess[] }

export type Route =
  | { view: 'forms'; site?: string }
  | { view: 'editor'; site: string; form: string }
  | { view: 'activity'; site: string }
  | { view: 'people'; site: string };

export const me = signal<Me | null | undefined>(undefined);
export const route = signal<Route>(parse(location.pathname));
export const notice = signal<{ text: string; tone: 'ok' | 'error' } | null>(null);

export const site = computed(() => {
  const m = me.value;
  if (!m) return undefined;
  const wanted = route.value.site;
  return m.sites.find((s) => s.id === wanted) ?? m.sites[0];
});

export const RANK: Record<Role, number> = { viewer: 1, editor: 2, publisher: 3 };
export const can = (need: Role) => computed(() => (site.value ? RANK[site.value.role] >= RANK[need] : false));

function parse(path: string): Route {
  const parts = path.replace(/^\/studio\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [s, section, form] = parts;
  if (s && section === 'forms' && form) return { view: 'editor', site: s, form };
  if (s && section === 'activity') return { view: 'activity', site: s };
  if (s && section === 'people') return { view: 'people', site: s };
  return { view: 'forms', site: s };
}

export function href(r: Route): string {
  const s = r.site ? `/${encodeURIComponent(r.site)}` : '';
  if (r.view === 'editor') return `/studio${s}/forms/${encodeURIComponent(r.form)}`;
  if (r.view === 'activity' || r.view === 'people') return `/studio${s}/${r.view}`;
  return `/studio${s}`;
}

export function go(r: Route): void {
  history.pushState(null, '', href(r));
  route.value = r;
  // Move focus to the new page's heading, so screen-reader and keyboard users land on it.
  setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus());
}
window.addEventListener('popstate', () => (route.value = parse(location.pathname)));

export async function loadMe(): Promise<void> {
  try {
    me.value = await api<Me>('GET', '/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) me.value = null;
    else throw error;
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  await api('POST', '/login', { email, password });
  await loadMe();
}

export async function signOut(): Promise<void> {
  await api('POST', '/logout');
  me.value = null;
}

export function flash(text: string, tone: 'ok' | 'error' = 'ok'): void {
  notice.value = { text, tone };
  setTimeout(() => notice.value?.text === text && (notice.value = null), 6000);
}
