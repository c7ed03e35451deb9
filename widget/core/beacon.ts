/**
 * Sends analytics events to `POST /v1/events` without ever delaying the page: a string body is a
 * text/plain simple request (no preflight), `keepalive` lets it outlive the page, no credentials
 * go, and nothing waits for or reads the answer. The UI chunk batches its events into it through
 * `MountOptions.beacon` (ui/analytics.ts), so the sender's bytes are paid once.
 */
export const beacon = (api: string, body: object) => {
  try {
    fetch(api + '/v1/events', { method: 'POST', body: JSON.stringify(body), keepalive: true, credentials: 'omit' }).catch(() => {});
  } catch {}
};
