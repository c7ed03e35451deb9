/**
 * Sign-ups the proxy has not acknowledged yet, kept in localStorage under `inlet:pending` and sent
 * again on the next page load and whenever the browser comes back online. The submission id makes
 * a resend harmless: the proxy delivers one id once.
 *
 * Only `watchPending` ships in the loader, and it is tiny: it loads the UI chunk when something
 * waits, and the chunk (through ui/submit.ts) does the sending.
 */
const KEY = 'inlet:pending';

/** key → [api, JSON body] */
type Pending = Record<string, [string, string]>;

const update = (change: (pending: Pending) => unknown) => {
  try {
    const pending: Pending = JSON.parse(localStorage[KEY] || '{}');
    change(pending);
    localStorage[KEY] = JSON.stringify(pending);
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

/** Loader side: when a sign-up waits (now, or when the browser is back online), load the chunk that sends it. */
export const watchPending = (load: () => Promise<unknown>) => {
  const check = () => {
    try {
      // Anything longer than "{}" holds a submission.
      localStorage[KEY]?.[2] && load().catch(() => {});
    } catch {}
  };
  check();
  addEventListener('online', check);
};
