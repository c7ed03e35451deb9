/** Cloudflare Turnstile server-side validation: https://developers.cloudflare.com/turnstile/get-started/server-side-validation/ */

export const TURNSTILE_VERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

export type TurnstileResult = 'passed' | 'failed' | 'unavailable';

export async function verifyTurnstile(fetcher: typeof fetch, secretKey: string, token: string | undefined, ip: string | undefined): Promise<TurnstileResult> {
  if (!token) return 'failed';
  const form = new FormData();
  form.set('secret', secretKey);
  form.set('response', token);
  if (ip) form.set('remoteip', ip);
  try {
    const response = await fetcher(TURNSTILE_VERIFY_URL, { method: 'POST', body: form, signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return 'unavailable';
    const body = (await response.json()) as { success?: unknown };
    return body.success === true ? 'passed' : 'failed';
  } catch {
    return 'unavailable';
  }
}
