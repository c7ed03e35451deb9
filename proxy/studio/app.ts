/**
 * The studio's server side: two Hono sub-apps, the page (`page`, mounted at `/studio`) and the API
 * (`api`, mounted at `/v1/studio`). `createStudio` is called by `createHandler` when a studio store
 * is configured; the handler mounts both with `app.route` and asks `studio.sites()` which forms are live.
 *
 * Access: a session cookie (see session.ts) names a user with a role per site (viewer < editor <
 * publisher). Every state-changing call must come from the studio's own origin.
 */
import { Hono, type Context } from 'hono';
import type { InletConfig } from '../config/inlet-config.ts';
import { FormConfig } from '../config/form-schema.ts';
import { formJsonSchema } from '../config/json-schema.ts';
import { checkBraze } from '../cli/braze-check.ts';
import type { Delivery } from '../delivery/types.ts';
import type { BrazeConnection } from '../options.ts';
import type { RequestInfo } from '../http/env.ts';
import { indexSites, type SiteEntry } from '../site-index.ts';
import type { SqlDatabase } from './db.ts';
import { diffForms } from './diff.ts';
import { StudioError } from './errors.ts';
import { HttpError } from '../errors.ts';
import type { StudioRoleCheck } from './access.ts';
import { liveCache, type KvCache } from './live.ts';
import { DUMMY_HASH, isPasswordHash, verifyPassword, hashPassword } from './passwords.ts';
import { COOKIE, SESSION_TTL_MS, readCookie, sessionCookie, signSession, verifySession } from './session.ts';
import { Conflict, openStudioStore, ROLE_RANK, type FormRow, type Role, type StudioStore, type User } from './store.ts';
import { listTemplates } from './templates.ts';
import { validateForm } from './validate.ts';
import { PREVIEW_MAX_TTL_MS, signPreviewToken, verifyPreviewToken } from './preview-link.ts';
import { compileOrigins } from '../http/cors.ts';
import { studioPage } from './page.ts';

export interface StudioOptions {
  db: SqlDatabase;
  /** Resolves once the store's tables exist (Workers: the D1 migrations check); Node migrates before. */
  schemaReady?: () => Promise<unknown>;
  /** KV cache of what is live (Workers: the FORMS namespace). */
  cache?: KvCache;
  /** Signs session cookies; every instance must share it. A random one per process when absent (sessions end on restart). */
  secret?: string;
  /** The first publisher, from the settings: publisher of every site. `passwordHash` comes from `npm run studio -- hash-password`. */
  firstPublisher?: { email: string; passwordHash: string; name?: string };
  /** Serves the built studio (`/studio/assets/*`, `/studio/preview.html`); each runtime adapter supplies its own. */
  assets?: (path: string) => Promise<Response | null>;
  /** How long an instance trusts what it read as live (Workers isolates); 0 on a single Node process. */
  liveTtlMs?: number;
  /** Origins besides the request's own that may make state-changing calls (e.g. the public https origin behind a TLS proxy). */
  origins?: string[];
  /** Failed sign-ins allowed per email (and 4× that per client address) in `loginWindowMs`. */
  maxLoginFailures?: number;
  loginWindowMs?: number;
}

export interface StudioContext {
  config: InletConfig;
  /** The file config's forms as written (seed of an empty store, and today's templates). */
  seedForms: Record<string, unknown>[];
  braze: BrazeConnection;
  fetch?: typeof fetch;
  delivery?: Delivery;
  now: () => number;
}

export type Studio = Awaited<ReturnType<typeof createStudio>>;

type Env = { Bindings: RequestInfo; Variables: { user: User } };

export function createStudio(options: StudioOptions, ctx: StudioContext) {
  const now = ctx.now;
  const secret = options.secret ?? [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const maxFailures = options.maxLoginFailures ?? 5;
  const windowMs = options.loginWindowMs ?? 15 * 60_000;
  const siteIds = Object.keys(ctx.config.sites);

  const ready = (async () => {
    await options.schemaReady?.();
    const store = await openStudioStore(options.db);
    if (options.firstPublisher) {
      const { email, passwordHash, name } = options.firstPublisher;
      if (!isPasswordHash(passwordHash)) throw new Error('The studio\'s first publisher password hash is not one `npm run studio -- hash-password` makes ("pbkdf2-sha256$…").');
      await store.upsertUser({ email, name: name ?? email, password: passwordHash, roles: { '*': 'publisher' } }, now());
    }
    // One rule for where forms come from: an empty store starts from the file config, as version 1.
    if ((await store.countForms()) === 0) {
      for (const form of ctx.seedForms) {
        const { site, id } = form as { site: string; id: string };
        if (!ctx.config.sites[site]) continue;
        await store.createForm(site, id, form, 'config', now());
        await store.addVersion(site, id, form, 'config', now(), { note: 'seeded from the config file' });
        await store.log(site, 'config', 'published', id, { version: 1, seeded: true }, now());
      }
    }
    return { store, live: liveCache(store, { cache: options.cache, ttlMs: options.liveTtlMs ?? 0, now }) };
  })();

  let indexed: { text: string; forms: FormConfig[]; sites: Promise<Map<string, SiteEntry>> } | undefined;

  /** The live forms, parsed (defaults applied, as browsers expect), re-read only when what is live changed. */
  async function liveIndex() {
    const { live } = await ready;
    const text = await live.text();
    if (indexed?.text !== text) {
      // Live versions were validated when published.
      const forms = (JSON.parse(text) as unknown[]).flatMap((f) => {
        const parsed = FormConfig.safeParse(f);
        return parsed.success && ctx.config.sites[parsed.data.site] ? [parsed.data] : [];
      });
      indexed = { text, forms, sites: indexSites({ ...ctx.config, forms }) };
    }
    return indexed;
  }

  async function sites(): Promise<Map<string, SiteEntry>> {
    return (await liveIndex()).sites;
  }

  /** The sites as a preview link's holder sees them: the form's current draft in place of its live version. */
  async function previewSites(token: string) {
    const checked = await verifyPreviewToken(token, secret, now());
    if ('refused' in checked) return checked;
    const { site, form } = checked.grant;
    const { store } = await ready;
    const row = await store.form(site, form);
    if (!ctx.config.sites[site] || !row) return { refused: 'invalid' as const };
    const draft = FormConfig.safeParse({ ...(row.draft as object), id: form, site });
    const live = (await liveIndex()).forms.filter((f) => f.site === site && f.id !== form);
    const forms = [...live, ...(draft.success ? [draft.data] : [])];
    return { site, sites: await indexSites({ ...ctx.config, sites: { [site]: ctx.config.sites[site]! }, forms }) };
  }

  const app = new Hono<Env>();
  const pageApp = new Hono();

  /** A state change must come from the studio's own page (or an origin INLET_STUDIO_ORIGINS lists). */
  const ownOrigin = (request: Request) => {
    const origin = request.headers.get('origin');
    return Boolean(origin && (origin === new URL(request.url).origin || options.origins?.includes(origin)));
  };

  const onError = (error: unknown) => {
    if (error instanceof StudioError) return error.toResponse();
    console.error('inlet studio: unexpected error', error instanceof Error ? error.name : typeof error);
    return Response.json({ error: 'internal_error', message: 'Something failed inside the studio; nothing was changed.' }, { status: 500 });
  };
  app.onError(onError);
  pageApp.onError(onError);

  // ── the page and its files ──
  const page = async () => {
    const built = await options.assets?.('/studio/index.html');
    const html = built ? await built.text() : studioPage();
    return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...PAGE_HEADERS } });
  };
  pageApp.get('/', page);
  pageApp.get('/*', async (c) => {
    const path = new URL(c.req.url).pathname;
    if (path === '/studio/index.html') return page();
    const asset = path.endsWith('/') ? null : await options.assets?.(path);
    if (asset) {
      const headers = new Headers(asset.headers);
      // The preview frame has an opaque origin: its module scripts are CORS requests.
      headers.set('access-control-allow-origin', '*');
      headers.set('x-content-type-options', 'nosniff');
      if (path === '/studio/preview.html') headers.set('content-security-policy', previewCsp(new URL(c.req.url).origin));
      return new Response(asset.body, { status: 200, headers });
    }
    // Client-side routes (`/studio/shop/forms/welcome`) get the page.
    if (!/\.[a-z0-9]+$/i.test(path)) return page();
    throw new StudioError(404, 'not_found', `Nothing at ${path}; build the studio with \`npm run build\`.`);
  });

  // ── every API answer: no caching; state changes only from the studio's origin ──
  app.use('*', async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && !ownOrigin(c.req.raw)) throw new StudioError(403, 'origin_not_allowed', 'Studio changes are accepted from the studio\'s own page only.');
    await next();
    c.header('cache-control', 'no-store');
  });

  app.post('/login', async (c) => {
    const { store } = await ready;
    const body = await json<{ email?: unknown; password?: unknown }>(c);
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!email || !password) throw new StudioError(400, 'invalid_request', 'Give your email and password.');
    // The address the runtime adapter saw (never a header a client could set).
    const ip = c.env?.clientIp ?? 'unknown';
    const keys = [`email:${email}`, `ip:${ip}`] as const;
    const [byEmail, byIp] = await Promise.all(keys.map((k) => store.loginFailures(k, now(), windowMs)));
    if (byEmail! >= maxFailures || byIp! >= maxFailures * 4) {
      throw new StudioError(429, 'rate_limited', 'Too many failed sign-ins. Wait 15 minutes, or ask a publisher to reset your password.', {}, { 'retry-after': String(Math.ceil(windowMs / 1000)) });
    }
    const user = await store.userByEmail(email);
    const ok = await verifyPassword(password, user?.password ?? DUMMY_HASH);
    if (!user || !ok) {
      await Promise.all(keys.map((k) => store.recordLoginFailure(k, now(), windowMs)));
      throw new StudioError(401, 'unauthorized', 'That email and password do not match.');
    }
    await store.clearLoginFailures(keys[0]);
    const session = await store.createSession(user.id, now(), SESSION_TTL_MS);
    c.header('set-cookie', sessionCookie(await signSession(session, secret), c.req.raw, SESSION_TTL_MS / 1000));
    return c.json({ user: publicUser(user) });
  });

  /** The user a request's session cookie names, if it is signed, current and not revoked. */
  const userOf = async (request: Request): Promise<User | null> => {
    const { store } = await ready;
    const value = readCookie(request);
    const id = value ? await verifySession(value, secret) : null;
    return id ? store.sessionUser(id, now()) : null;
  };

  /** The session check routes outside the studio call (proxy/studio/access.ts), with the proxy's errors. */
  const requireRole: StudioRoleCheck = async (request, siteId, need) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !ownOrigin(request)) throw new HttpError(403, 'origin_not_allowed', 'Studio changes are accepted from the studio\'s own page only.');
    const user = await userOf(request);
    if (!user) throw new HttpError(401, 'unauthorized', 'Sign in to the studio first.');
    const role = ctx.config.sites[siteId] ? roleOn(user, siteId) : undefined;
    if (!role) throw new HttpError(403, 'forbidden', `You have no access to site "${siteId}".`);
    if (ROLE_RANK[role] < ROLE_RANK[need]) throw new HttpError(403, 'forbidden', `This needs the ${need} role on "${siteId}"; you are ${role === 'editor' ? 'an' : 'a'} ${role}.`);
    return { user: { id: user.id, email: user.email, name: user.name }, site: siteId, role };
  };

  // Everything below needs a session.
  app.use('*', async (c, next) => {
    const user = await userOf(c.req.raw);
    if (!user) throw new StudioError(401, 'unauthorized', 'Sign in to the studio first.');
    c.set('user', user);
    await next();
  });

  app.post('/logout', async (c) => {
    const { store } = await ready;
    const id = await verifySession(readCookie(c.req.raw)!, secret);
    if (id) await store.revokeSession(id, now());
    c.header('set-cookie', `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return c.json({ ok: true });
  });

  app.get('/me', (c) => {
    const user = c.get('user');
    const sites = siteIds.filter((s) => roleOn(user, s)).map((id) => ({ id, role: roleOn(user, id)!, origins: ctx.config.sites[id]!.origins }));
    return c.json({ user: publicUser(user), sites });
  });

  app.get('/templates', (c) => c.json({ templates: listTemplates() }));
  app.get('/schema', (c) => c.body(formJsonSchema(), 200, { 'content-type': 'application/schema+json' }));

  // ── per site ──
  const site = (c: Context<Env>, need: Role) => {
    const id = c.req.param('site')!;
    if (!ctx.config.sites[id]) throw new StudioError(404, 'not_found', `No site "${id}" is configured.`);
    const role = roleOn(c.get('user'), id);
    if (!role) throw new StudioError(403, 'forbidden', `You have no access to site "${id}".`);
    if (ROLE_RANK[role] < ROLE_RANK[need]) throw new StudioError(403, 'forbidden', `This needs the ${need} role on "${id}"; you are ${role === 'editor' ? 'an' : 'a'} ${role}.`);
    const config = ctx.config.sites[id]!;
    return { id, config, entryAllows: (origin: string) => compileOrigins(config.origins)(origin) };
  };
  const formOf = async (s: { id: string }, formId: string) => {
    const { store } = await ready;
    const form = await store.form(s.id, formId);
    if (!form) throw new StudioError(404, 'not_found', `No form "${formId}" on site "${s.id}".`);
    return form;
  };
  const actor = (c: Context<Env>) => c.get('user').email;
  const log = async (s: string, c: Context<Env>, action: string, form: string | null, detail: Record<string, unknown> | null = null) => (await ready).store.log(s, actor(c), action, form, detail, now());
  const refresh = async () => (await ready).live.refresh();

  app.get('/sites/:site/forms', async (c) => {
    const s = site(c, 'viewer');
    const { store } = await ready;
    const forms = await store.forms(s.id);
    return c.json({ forms: forms.map((f) => summary(f, now())), role: roleOn(c.get('user'), s.id) });
  });

  app.post('/sites/:site/forms', async (c) => {
    const s = site(c, 'editor');
    const { store } = await ready;
    const body = await json<{ id?: unknown; template?: unknown; duplicate?: unknown }>(c);
    const id = typeof body.id === 'string' ? body.id : '';
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) throw new StudioError(400, 'invalid_form', 'form ids are lowercase letters, digits and "-" (e.g. "welcome-10")', { issues: [{ path: ['id'], message: 'form ids are lowercase letters, digits and "-" (e.g. "welcome-10")' }] });
    let base: Record<string, unknown>;
    let from: Record<string, unknown>;
    if (typeof body.duplicate === 'string') {
      base = (await formOf(s, body.duplicate)).draft as Record<string, unknown>;
      from = { duplicate: body.duplicate };
    } else {
      const template = listTemplates().find((t) => t.id === (body.template ?? 'blank'));
      if (!template) throw new StudioError(400, 'invalid_request', `No template "${String(body.template)}".`);
      base = template.form;
      from = { template: template.id };
    }
    const draft = { ...structuredClone(base), id, site: s.id };
    if (!(await store.createForm(s.id, id, draft, actor(c), now()))) throw new StudioError(409, 'form_exists', `A form "${id}" already exists on "${s.id}"; pick another id.`, { issues: [{ path: ['id'], message: `a form "${id}" already exists; pick another id` }] });
    await log(s.id, c, 'created', id, from);
    return c.json({ form: detail(await formOf(s, id), s.config, s.id) }, 201);
  });

  app.get('/sites/:site/forms/:form', async (c) => {
    const s = site(c, 'viewer');
    return c.json({ form: detail(await formOf(s, c.req.param('form')), s.config, s.id) });
  });

  app.post('/sites/:site/validate', async (c) => {
    const s = site(c, 'viewer');
    const body = await json<{ form?: unknown; id?: string }>(c);
    return c.json({ issues: validateForm(body.form, s.config, s.id, body.id).issues });
  });

  app.put('/sites/:site/forms/:form/draft', async (c) => {
    const s = site(c, 'editor');
    const { store } = await ready;
    const id = c.req.param('form');
    const body = await json<{ draft?: unknown; rev?: unknown; force?: unknown }>(c);
    if (body.draft === undefined || (typeof body.rev !== 'number' && body.force !== true)) throw new StudioError(400, 'invalid_request', 'Send { draft, rev } (the rev you loaded), or { draft, force: true } to overwrite.');
    await formOf(s, id);
    try {
      const saved = await store.saveDraft(s.id, id, body.draft, body.force === true ? 'force' : (body.rev as number), actor(c), now());
      // Autosave writes often: one "edited" line per person and form per 10 minutes.
      const last = await store.lastActivity(s.id, id);
      if (!(last && last.action === 'edited' && last.actor === actor(c) && now() - last.at < 10 * 60_000)) await log(s.id, c, 'edited', id, body.force === true ? { overwrote: true } : null);
      return c.json({ form: detail(saved, s.config, s.id) });
    } catch (error) {
      if (error instanceof Conflict) {
        throw new StudioError(409, 'conflict', `${error.current.updatedBy} saved this form since you opened it. Reload their version, or overwrite it with yours.`, { current: detail(error.current, s.config, s.id) });
      }
      throw error;
    }
  });

  app.delete('/sites/:site/forms/:form', async (c) => {
    const s = site(c, 'publisher');
    const form = await formOf(s, c.req.param('form'));
    await (await ready).store.deleteForm(s.id, form.id);
    await log(s.id, c, 'deleted', form.id);
    await refresh();
    return c.json({ ok: true });
  });

  app.post('/sites/:site/forms/:form/previewed', async (c) => {
    const s = site(c, 'viewer');
    const form = await formOf(s, c.req.param('form'));
    const body = await json<{ lang?: string; device?: string }>(c).catch(() => ({}) as { lang?: string; device?: string });
    await log(s.id, c, 'previewed', form.id, { rev: form.draftRev, ...(typeof body.lang === 'string' && { lang: body.lang.slice(0, 8) }), ...(typeof body.device === 'string' && { device: body.device.slice(0, 8) }) });
    return c.json({ ok: true });
  });

  // A link that shows the draft on the real site for at most an hour (preview-link.ts).
  app.post('/sites/:site/forms/:form/preview-link', async (c) => {
    const s = site(c, 'editor');
    const form = await formOf(s, c.req.param('form'));
    const body = await json<{ page?: unknown; minutes?: unknown }>(c).catch(() => ({}) as { page?: unknown; minutes?: unknown });
    const minutes = body.minutes === undefined ? 60 : Number(body.minutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes * 60_000 > PREVIEW_MAX_TTL_MS) throw new StudioError(400, 'invalid_request', 'A preview link lasts 1 to 60 minutes.', { issues: [{ path: ['minutes'], message: 'give a whole number of minutes from 1 to 60' }] });
    const checked = validateForm(form.draft, s.config, s.id, form.id);
    if (checked.issues.length) throw new StudioError(422, 'invalid_form', 'Fix the draft\'s problems first; a preview shows a draft that could be published.', { issues: checked.issues });
    const page = typeof body.page === 'string' && body.page ? body.page : `${s.config.origins.find((o) => !o.includes('*')) ?? ''}/`;
    let url: URL;
    try {
      url = new URL(page);
    } catch {
      throw new StudioError(400, 'invalid_request', 'Give the page as a full URL, e.g. "https://shop.example.com/".', { issues: [{ path: ['page'], message: 'give a full URL of a page of this site' }] });
    }
    if (!s.entryAllows(url.origin)) throw new StudioError(400, 'invalid_request', `${url.origin} is not one of the site's origins; the widget would not load the preview there.`, { issues: [{ path: ['page'], message: 'pick a page on one of the site\'s origins' }] });
    const expiresAt = now() + minutes * 60_000;
    const token = await signPreviewToken({ site: s.id, form: form.id, expiresAt }, secret);
    url.searchParams.set('inlet_preview', form.id);
    url.searchParams.set('inlet_preview_token', token);
    await log(s.id, c, 'preview link', form.id, { rev: form.draftRev, expires: new Date(expiresAt).toISOString() });
    return c.json({ url: url.href, token, expiresAt }, 201);
  });

  app.post('/sites/:site/forms/:form/publish', async (c) => {
    const s = site(c, 'publisher');
    const { store } = await ready;
    const form = await formOf(s, c.req.param('form'));
    const body = await json<{ at?: unknown; note?: unknown }>(c).catch(() => ({}) as { at?: unknown; note?: unknown });
    const at = typeof body.at === 'string' || typeof body.at === 'number' ? new Date(body.at).getTime() : undefined;
    if (at !== undefined && Number.isNaN(at)) throw new StudioError(400, 'invalid_request', 'Give "at" as an ISO date and time, e.g. "2026-12-01T09:00:00Z".');
    const checked = validateForm(form.draft, s.config, s.id, form.id);
    if (checked.issues.length) throw new StudioError(422, 'publish_refused', 'Fix these problems first; nothing was published.', { problems: checked.issues.map((i) => `${i.path.join('.') || '(form)'}: ${i.message}`), issues: checked.issues });
    // `npm run check`'s logic, for this site: attributes exist with the right types, groups known.
    const report = await checkBraze({ sites: { [s.id]: s.config }, forms: [checked.form!] } as InletConfig, { ...ctx.braze, fetch: ctx.fetch });
    const problems = report.lines.filter((l) => !l.ok).map((l) => l.text.replace(ctx.braze.apiKey, '***'));
    if (problems.length) throw new StudioError(422, 'publish_refused', 'Braze is not ready for this form; nothing was published.', { problems });
    const note = typeof body.note === 'string' ? body.note.slice(0, 200) : undefined;
    const version = await store.addVersion(s.id, form.id, form.draft, actor(c), now(), { at: at && at > now() ? at : undefined, note });
    if (at && at > now()) await log(s.id, c, 'scheduled', form.id, { version, at: new Date(at).toISOString() });
    else await log(s.id, c, 'published', form.id, { version });
    await refresh();
    return c.json({ version, form: detail(await formOf(s, form.id), s.config, s.id) });
  });

  app.get('/sites/:site/forms/:form/versions', async (c) => {
    const s = site(c, 'viewer');
    const form = await formOf(s, c.req.param('form'));
    const versions = await (await ready).store.versions(s.id, form.id);
    return c.json({ live: form.liveVersion, versions: versions.map(({ config: _c, ...v }) => v) });
  });

  app.get('/sites/:site/forms/:form/diff', async (c) => {
    const s = site(c, 'viewer');
    const { store } = await ready;
    const form = await formOf(s, c.req.param('form'));
    const pick = async (which: string | undefined) => {
      if (!which || which === 'draft') return form.draft;
      if (which === 'live') return form.liveVersion ? (await store.version(s.id, form.id, form.liveVersion))?.config : undefined;
      const v = await store.version(s.id, form.id, Number(which));
      if (!v) throw new StudioError(404, 'not_found', `No version ${which} of "${form.id}".`);
      return v.config;
    };
    const [a, b] = await Promise.all([pick(c.req.query('from')), pick(c.req.query('to'))]);
    return c.json({ lines: diffForms(a ?? {}, b ?? {}) });
  });

  app.post('/sites/:site/forms/:form/live', async (c) => {
    const s = site(c, 'publisher');
    const { store } = await ready;
    const form = await formOf(s, c.req.param('form'));
    const body = await json<{ version?: unknown }>(c);
    const version = Number(body.version);
    if (!(await store.version(s.id, form.id, version))) throw new StudioError(404, 'not_found', `No version ${String(body.version)} of "${form.id}".`);
    await store.setLive(s.id, form.id, version, now());
    await log(s.id, c, 'rolled back', form.id, { from: form.liveVersion, to: version });
    await refresh();
    return c.json({ form: detail(await formOf(s, form.id), s.config, s.id) });
  });

  app.post('/sites/:site/forms/:form/end', async (c) => {
    const s = site(c, 'publisher');
    const { store } = await ready;
    const form = await formOf(s, c.req.param('form'));
    const body = await json<{ at?: unknown }>(c).catch(() => ({}) as { at?: unknown });
    const at = body.at === undefined || body.at === null ? now() : new Date(body.at as string).getTime();
    if (Number.isNaN(at)) throw new StudioError(400, 'invalid_request', 'Give "at" as an ISO date and time.');
    if (at <= now()) {
      await store.setLive(s.id, form.id, null, now());
      await log(s.id, c, 'ended', form.id, { version: form.liveVersion });
    } else {
      await store.setEnd(s.id, form.id, at);
      await log(s.id, c, 'end scheduled', form.id, { at: new Date(at).toISOString() });
    }
    await refresh();
    return c.json({ form: detail(await formOf(s, form.id), s.config, s.id) });
  });

  app.get('/sites/:site/activity', async (c) => {
    const s = site(c, 'viewer');
    const entries = await (await ready).store.activity(s.id, 200);
    // The delivery side: counters and dead letters by reason only, never an address or a profile.
    const stats = ctx.delivery?.stats ? await ctx.delivery.stats() : undefined;
    const letters = ctx.delivery?.deadLetters ? await ctx.delivery.deadLetters.list({ site: s.id, limit: 200 }) : undefined;
    return c.json({
      entries,
      delivery: stats ? { accepted: stats.accepted, delivered: stats.delivered, deadLettered: stats.deadLetters, queue: stats.queue.depth, since: stats.since } : null,
      deadLetters: letters?.map((l) => ({ id: l.id, reason: l.reason, status: l.status, attempts: l.attempts, deadAt: l.deadAt })) ?? null,
    });
  });

  app.post('/sites/:site/dead-letters/:id/replay', async (c) => {
    const s = site(c, 'publisher');
    const letters = ctx.delivery?.deadLetters;
    const letter = letters && (await letters.get(c.req.param('id')));
    if (!letter || letter.site !== s.id) throw new StudioError(404, 'not_found', 'No such dead letter on this site.');
    await letters.replay(letter.id, now());
    await log(s.id, c, 'dead letter replayed', null, { id: letter.id });
    return c.json({ replayed: [letter.id] });
  });

  app.delete('/sites/:site/dead-letters/:id', async (c) => {
    const s = site(c, 'publisher');
    const letters = ctx.delivery?.deadLetters;
    const letter = letters && (await letters.get(c.req.param('id')));
    if (!letter || letter.site !== s.id) throw new StudioError(404, 'not_found', 'No such dead letter on this site.');
    await letters.drop(letter.id);
    await log(s.id, c, 'dead letter dropped', null, { id: letter.id });
    return c.json({ dropped: [letter.id] });
  });

  // ── people ──
  app.get('/sites/:site/users', async (c) => {
    const s = site(c, 'viewer');
    return c.json({ users: (await (await ready).store.usersOfSite(s.id)).map(({ roles: _r, ...u }) => u) });
  });

  app.post('/sites/:site/users', async (c) => {
    const s = site(c, 'publisher');
    const { store } = await ready;
    const body = await json<{ email?: unknown; name?: unknown; password?: unknown; role?: unknown }>(c);
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const role = body.role as Role;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new StudioError(400, 'invalid_request', 'Give the person\'s email address.', { issues: [{ path: ['email'], message: 'enter an email address such as "ana@example.com"' }] });
    if (!(role in ROLE_RANK)) throw new StudioError(400, 'invalid_request', 'Role is viewer, editor or publisher.', { issues: [{ path: ['role'], message: 'choose viewer, editor or publisher' }] });
    const existing = await store.userByEmail(email);
    if (existing) {
      await store.setRole(existing.id, s.id, role);
    } else {
      if (typeof body.password !== 'string' || body.password.length < 12) throw new StudioError(400, 'invalid_request', 'A new person needs a first password of at least 12 characters.', { issues: [{ path: ['password'], message: 'use at least 12 characters' }] });
      await store.upsertUser({ email, name: typeof body.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 100) : email, password: await hashPassword(body.password), roles: { [s.id]: role } }, now());
    }
    await log(s.id, c, 'user added', null, { user: email, role });
    return c.json({ users: (await store.usersOfSite(s.id)).map(({ roles: _r, ...u }) => u) }, 201);
  });

  app.delete('/sites/:site/users/:id', async (c) => {
    const s = site(c, 'publisher');
    const { store } = await ready;
    const user = await store.user(c.req.param('id'));
    if (!user || !user.roles[s.id]) throw new StudioError(404, 'not_found', 'That person has no role on this site.');
    await store.setRole(user.id, s.id, null);
    // Taking access away takes effect now: their sessions end.
    const revoked = await store.revokeSessionsOf(user.id, now());
    await log(s.id, c, 'user removed', null, { user: user.email, sessionsRevoked: revoked });
    return c.json({ ok: true, sessionsRevoked: revoked });
  });

  // No catch-all here: a path no route answers falls to the proxy's 404, so routes mounted beside the
  // studio under /v1/studio (analytics) are reached whatever the order of their `app.route()`.

  /** Scheduled publishes and ends that are due (a timer on Node, a Cron Trigger on Workers). */
  async function tick(): Promise<{ published: string[]; ended: string[] }> {
    const { store } = await ready;
    const due = await store.due(now());
    const published: string[] = [];
    const ended: string[] = [];
    for (const f of due.publish) {
      if (await store.promoteScheduled(f.site, f.id)) {
        published.push(`${f.site}/${f.id}`);
        await store.log(f.site, 'schedule', 'published', f.id, { version: f.scheduledVersion }, now());
      }
    }
    for (const f of due.end) {
      await store.setLive(f.site, f.id, null, now());
      ended.push(`${f.site}/${f.id}`);
      await store.log(f.site, 'schedule', 'ended', f.id, { version: f.liveVersion }, now());
    }
    if (published.length || ended.length) await refresh();
    return { published, ended };
  }

  return {
    /** The API, to mount at `/v1/studio`. */
    api: app,
    /** The page and its files, to mount at `/studio`. */
    page: pageApp,
    sites,
    tick,
    previewSites,
    /** `requireStudioRole` for this studio (proxy/studio/access.ts). */
    requireRole,
    ready: ready.then(() => undefined),
    store: () => ready.then((r) => r.store),
  };
}

/**
 * The preview frame may run scripts and show the templates' images, and nothing else: no network
 * calls, so a preview submission goes nowhere. Its origin is opaque (sandbox), so the proxy's is named.
 */
const previewCsp = (origin: string) =>
  `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src ${origin}/studio/templates/ data:; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;

const PAGE_HEADERS = {
  // The studio's page runs only its own bundle; the preview frame is same-host but sandboxed.
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

function roleOn(user: User, site: string): Role | undefined {
  return user.roles[site] ?? user.roles['*'];
}

function publicUser(user: User) {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles };
}

async function json<T>(c: Context<Env>): Promise<T> {
  try {
    const body = await c.req.json();
    if (typeof body !== 'object' || body === null) throw new Error('not an object');
    return body as T;
  } catch {
    throw new StudioError(400, 'invalid_request', 'Send a JSON object as the body.');
  }
}

export type FormStatus = 'draft' | 'live' | 'scheduled' | 'ended';

function statusOf(f: FormRow, now: number): FormStatus {
  if (f.liveVersion !== null) return 'live';
  if (f.scheduledAt !== null && f.scheduledAt > now) return 'scheduled';
  if (f.endedAt !== null) return 'ended';
  return 'draft';
}

function summary(f: FormRow, now: number) {
  const draft = f.draft as { layout?: string; steps?: { text?: { title?: unknown } }[]; languages?: string[] };
  return {
    id: f.id,
    status: statusOf(f, now),
    layout: draft.layout ?? 'modal',
    title: draft.steps?.[0]?.text?.title ?? null,
    languages: draft.languages ?? [],
    liveVersion: f.liveVersion,
    scheduledAt: f.scheduledAt,
    endsAt: f.endsAt,
    updatedAt: f.updatedAt,
    updatedBy: f.updatedBy,
    lastPublish: f.lastPublish,
  };
}

function detail(f: FormRow, site: InletConfig['sites'][string], siteId: string, now = Date.now()) {
  return { ...summary(f, now), draft: f.draft, rev: f.draftRev, issues: validateForm(f.draft, site, siteId, f.id).issues };
}
