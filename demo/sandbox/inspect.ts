/** `/_sandbox/*`: inspection and control routes; no auth, never logged, never faulted. */
import type { Sandbox } from './sandbox.ts';
import { faultsSchema } from './faults.ts';
import { fail, isRecord, json } from './http.ts';
import { INSPECTION_PAGE } from './page.ts';
import { zodMessage } from './validation.ts';

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  return text.trim() === '' ? {} : JSON.parse(text);
}

export async function inspect(request: Request, url: URL, sandbox: Sandbox): Promise<Response> {
  const route = `${request.method} ${url.pathname.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /_sandbox':
      return new Response(INSPECTION_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
    case 'GET /_sandbox/users': {
      const email = url.searchParams.get('email')?.toLowerCase();
      const users = sandbox.users().filter((u) => email === undefined || u.email === email);
      return json(200, { users });
    }
    case 'GET /_sandbox/requests': {
      const limit = Number(url.searchParams.get('limit') ?? Infinity);
      return json(200, { requests: sandbox.requests().slice(-limit) });
    }
    case 'GET /_sandbox/datapoints':
      return json(200, sandbox.dataPoints());
    case 'GET /_sandbox/dispatches':
      return json(200, { dispatches: sandbox.dispatches() });
    case 'GET /_sandbox/subscription-groups':
      return json(200, { subscription_groups: sandbox.options.subscriptionGroups });
    case 'GET /_sandbox/faults':
      return json(200, { faults: sandbox.faults() });
    case 'POST /_sandbox/faults':
    case 'POST /_sandbox/clock':
      return control(route, request, sandbox);
    case 'POST /_sandbox/reset':
      sandbox.reset();
      return json(200, { message: 'reset' });
    default:
      return fail(404, `No inspection route ${route}: see the docs/sandbox.md, "The Braze sandbox" for the list.`);
  }
}

async function control(route: string, request: Request, sandbox: Sandbox): Promise<Response> {
  let body: unknown;
  try {
    body = await jsonBody(request);
  } catch {
    return fail(400, 'The body is not valid JSON.');
  }
  if (route === 'POST /_sandbox/clock') {
    const ms = isRecord(body) ? body.advance_ms : undefined;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return fail(400, "Send {\"advance_ms\": <non-negative number>}.");
    sandbox.clock.advance(ms);
    return json(200, { now: new Date(sandbox.clock.now()).toISOString() });
  }
  const parsed = faultsSchema.safeParse(body);
  if (!parsed.success) return fail(400, zodMessage(parsed.error));
  return json(200, { faults: sandbox.setFaults(parsed.data) });
}
