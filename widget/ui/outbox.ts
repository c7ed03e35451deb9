/**
 * Sign-ups the proxy has not acknowledged yet, kept in localStorage and sent again on the next page
 * load and whenever the browser comes back online. The submission id makes a resend harmless: the
 * proxy delivers one id once. The key must equal `PENDING_KEY` in core/outbox.ts (the loader's
 * check); it is repeated here so the chunk and the loader share no module.
 */
const KEY = 'inlet:pending';

/** key → [api, JSON body] */
type Pending = Record<string, [string, string]>;

const update = (change: (pending: Pending) => unknown) => {
  try {
    const pending: Pending = JSON.parse(localStorage[KEY] || '{}');
    change(pending);
    // Nothing waiting leaves no key behind: storage is touched only while a sign-up is at stake.
    if (Object.keys(pending).length) localStorage[KEY] = JSON.stringify(pending);
    else localStorage.removeItem(KEY);
  } catch {}
};

/**
 * Posts a kept submission (a string body goes as text/plain: a CORS simple request, no preflight);
 * `undefined` on a network error. It stays kept on 5xx, 408 and 429, which a later try may fix.
 */
export const send = (key: string, api: string, body: string): Promise<Response | undefined> =>
  fetch(api + '/v1/submissions', { method: 'POST', body, keepalive: true, credentials: 'omit' }).then((response) => {
    const status = response.status;
    if (status < 500 && status != 408 && status != 429) update((p) => delete p[key]);
    return response;
  }, () => undefined);

/** Keeps a submission until the proxy answers it; a newer one under the same key replaces it. */
export const keep = (key: string, api: string, body: string) => update((p) => (p[key] = [api, body]));

export const resendPending = () =>
  update((pending) => {
    for (const key in pending) send(key, ...pending[key]!);
  });
