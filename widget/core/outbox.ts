/**
 * Loader side of the browser outbox: sign-ups the proxy has not acknowledged wait in localStorage
 * under `inlet:pending` (written by ui/outbox.ts). When one waits, now or when the browser comes
 * back online, the loader loads the UI chunk, whose outbox sends it. Only this check ships in the
 * loader; the sending code stays in the chunk so the two never share a module (a shared module
 * would become a third file the pop-up has to fetch).
 */
export const PENDING_KEY = 'inlet:pending';

export const watchPending = (load: () => Promise<unknown>) => {
  const check = () => {
    try {
      localStorage[PENDING_KEY] && load().catch(() => {});
    } catch {}
  };
  check();
  addEventListener('online', check);
};
