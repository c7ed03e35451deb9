/**
 * Everything the studio keeps, written once against `SqlDatabase` (D1 on Workers, node:sqlite on
 * Node): users and their roles per site, sessions, login throttling, forms with their draft,
 * immutable numbered versions and the live pointer, and the activity log.
 */
import type { SqlDatabase } from './db.ts';

export type Role = 'viewer' | 'editor' | 'publisher';
export const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, publisher: 3 };

export interface User {
  id: string;
  email: string;
  name: string;
  /** Site id → role; `*` stands for every site. */
  roles: Record<string, Role>;
}

export interface FormRow {
  site: string;
  id: string;
  draft: unknown;
  draftRev: number;
  updatedAt: number;
  updatedBy: string;
  liveVersion: number | null;
  scheduledVersion: number | null;
  scheduledAt: number | null;
  endsAt: number | null;
  endedAt: number | null;
  createdAt: number;
  lastPublish: { version: number; at: number; by: string } | null;
}

export interface VersionRow {
  version: number;
  config: unknown;
  createdAt: number;
  createdBy: string;
  note: string | null;
}

export interface Activity {
  seq: number;
  at: number;
  actor: string;
  action: string;
  form: string | null;
  detail: Record<string, unknown> | null;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function formRow(r: Row): FormRow {
  return {
    site: String(r.site),
    id: String(r.id),
    draft: JSON.parse(String(r.draft)),
    draftRev: Number(r.draft_rev),
    updatedAt: Number(r.updated_at),
    updatedBy: String(r.updated_by),
    liveVersion: num(r.live_version),
    scheduledVersion: num(r.scheduled_version),
    scheduledAt: num(r.scheduled_at),
    endsAt: num(r.ends_at),
    endedAt: num(r.ended_at),
    createdAt: Number(r.created_at),
    lastPublish: r.last_version === null || r.last_version === undefined ? null : { version: Number(r.last_version), at: Number(r.last_at), by: String(r.last_by) },
  };
}

const FORM_SELECT = `SELECT f.*, v.version AS last_version, v.created_at AS last_at, v.created_by AS last_by FROM studio_forms f
  LEFT JOIN studio_versions v ON v.site = f.site AND v.form = f.id AND v.version = (SELECT MAX(version) FROM studio_versions WHERE site = f.site AND form = f.id)`;

export class Conflict extends Error {
  readonly current: FormRow;
  constructor(current: FormRow) {
    super('draft changed since it was read');
    this.current = current;
  }
}

/** The store over a database whose studio tables exist (the runtime's migrations made them). */
export async function openStudioStore(db: SqlDatabase) {
  const q = (sql: string, ...params: (string | number | null)[]) => db.prepare(sql).bind(...params);

  async function rolesOf(userId: string): Promise<Record<string, Role>> {
    const rows = (await q('SELECT site, role FROM studio_roles WHERE user_id = ?', userId).all<{ site: string; role: Role }>()).results;
    return Object.fromEntries(rows.map((r) => [r.site, r.role]));
  }
  async function userFrom(row: Row | null): Promise<User | null> {
    if (!row) return null;
    return { id: String(row.id), email: String(row.email), name: String(row.name), roles: await rolesOf(String(row.id)) };
  }

  return {
    // ── users ──
    async userByEmail(email: string): Promise<(User & { password: string }) | null> {
      const row = await q('SELECT * FROM studio_users WHERE email = ?', email.toLowerCase()).first();
      const user = await userFrom(row);
      return user && { ...user, password: String(row!.password) };
    },
    async user(id: string): Promise<User | null> {
      return userFrom(await q('SELECT * FROM studio_users WHERE id = ?', id).first());
    },
    async upsertUser(input: { email: string; name: string; password: string; roles: Record<string, Role> }, now: number): Promise<User> {
      const email = input.email.toLowerCase();
      const existing = await q('SELECT id FROM studio_users WHERE email = ?', email).first<{ id: string }>();
      const id = existing?.id ?? crypto.randomUUID();
      await db.batch([
        existing
          ? q('UPDATE studio_users SET name = ?, password = ? WHERE id = ?', input.name, input.password, id)
          : q('INSERT INTO studio_users (id, email, name, password, created_at) VALUES (?, ?, ?, ?, ?)', id, email, input.name, input.password, now),
        ...Object.entries(input.roles).map(([site, role]) => q('INSERT INTO studio_roles (user_id, site, role) VALUES (?, ?, ?) ON CONFLICT (user_id, site) DO UPDATE SET role = excluded.role', id, site, role)),
      ]);
      return (await this.user(id))!;
    },
    async usersOfSite(site: string): Promise<(User & { role: Role })[]> {
      const rows = (await q(`SELECT u.id, u.email, u.name, r.role FROM studio_users u JOIN studio_roles r ON r.user_id = u.id WHERE r.site = ? OR r.site = '*' ORDER BY u.email`, site).all<Row>()).results;
      return rows.map((r) => ({ id: String(r.id), email: String(r.email), name: String(r.name), role: r.role as Role, roles: {} }));
    },
    async setRole(userId: string, site: string, role: Role | null): Promise<void> {
      if (role) await q('INSERT INTO studio_roles (user_id, site, role) VALUES (?, ?, ?) ON CONFLICT (user_id, site) DO UPDATE SET role = excluded.role', userId, site, role).run();
      else await q('DELETE FROM studio_roles WHERE user_id = ? AND site = ?', userId, site).run();
    },

    // ── sessions ──
    async createSession(userId: string, now: number, ttlMs: number): Promise<string> {
      const id = [...crypto.getRandomValues(new Uint8Array(24))].map((b) => b.toString(16).padStart(2, '0')).join('');
      await q('INSERT INTO studio_sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', id, userId, now, now + ttlMs).run();
      return id;
    },
    async sessionUser(id: string, now: number): Promise<User | null> {
      const row = await q('SELECT user_id FROM studio_sessions WHERE id = ? AND revoked_at IS NULL AND expires_at > ?', id, now).first<{ user_id: string }>();
      return row ? this.user(row.user_id) : null;
    },
    async revokeSession(id: string, now: number): Promise<void> {
      await q('UPDATE studio_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', now, id).run();
    },
    async revokeSessionsOf(userId: string, now: number): Promise<number> {
      return (await q('UPDATE studio_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', now, userId).run()).meta.changes;
    },

    // ── login throttling ──
    async loginFailures(key: string, now: number, windowMs: number): Promise<number> {
      const row = await q('SELECT failures, window_start FROM studio_logins WHERE key = ?', key).first<{ failures: number; window_start: number }>();
      return row && now - Number(row.window_start) < windowMs ? Number(row.failures) : 0;
    },
    async recordLoginFailure(key: string, now: number, windowMs: number): Promise<void> {
      await q(
        `INSERT INTO studio_logins (key, failures, window_start) VALUES (?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN ? - window_start < ? THEN failures + 1 ELSE 1 END, window_start = CASE WHEN ? - window_start < ? THEN window_start ELSE ? END`,
        key, now, now, windowMs, now, windowMs, now,
      ).run();
    },
    async clearLoginFailures(key: string): Promise<void> {
      await q('DELETE FROM studio_logins WHERE key = ?', key).run();
    },

    // ── forms ──
    async countForms(): Promise<number> {
      return Number((await q('SELECT COUNT(*) AS n FROM studio_forms').first<{ n: number }>())?.n ?? 0);
    },
    async forms(site: string): Promise<FormRow[]> {
      return (await q(`${FORM_SELECT} WHERE f.site = ? ORDER BY f.created_at, f.rowid`, site).all<Row>()).results.map(formRow);
    },
    async form(site: string, id: string): Promise<FormRow | null> {
      const row = await q(`${FORM_SELECT} WHERE f.site = ? AND f.id = ?`, site, id).first();
      return row ? formRow(row) : null;
    },
    /** Creates a form with its first draft; false when the id is taken. */
    async createForm(site: string, id: string, draft: unknown, by: string, now: number): Promise<boolean> {
      const r = await q('INSERT INTO studio_forms (site, id, draft, draft_rev, updated_at, updated_by, created_at) VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT DO NOTHING', site, id, JSON.stringify(draft), now, by, now).run();
      return r.meta.changes === 1;
    },
    /** Saves the draft if nobody saved since `rev` (or unconditionally with `force`); throws `Conflict` otherwise. */
    async saveDraft(site: string, id: string, draft: unknown, rev: number | 'force', by: string, now: number): Promise<FormRow> {
      const text = JSON.stringify(draft);
      const r =
        rev === 'force'
          ? await q('UPDATE studio_forms SET draft = ?, draft_rev = draft_rev + 1, updated_at = ?, updated_by = ? WHERE site = ? AND id = ?', text, now, by, site, id).run()
          : await q('UPDATE studio_forms SET draft = ?, draft_rev = draft_rev + 1, updated_at = ?, updated_by = ? WHERE site = ? AND id = ? AND draft_rev = ?', text, now, by, site, id, rev).run();
      const current = await this.form(site, id);
      if (!current) throw new Error('no such form');
      if (r.meta.changes === 0) throw new Conflict(current);
      return current;
    },
    async deleteForm(site: string, id: string): Promise<void> {
      await db.batch([q('DELETE FROM studio_versions WHERE site = ? AND form = ?', site, id), q('DELETE FROM studio_forms WHERE site = ? AND id = ?', site, id)]);
    },

    // ── versions and the live pointer ──
    /** Freezes `config` as the next version; makes it live now, or schedules it for `at`. */
    async addVersion(site: string, id: string, config: unknown, by: string, now: number, options: { at?: number; note?: string } = {}): Promise<number> {
      const live = options.at === undefined || options.at <= now;
      const [, , row] = await db.batch([
        q(`INSERT INTO studio_versions (site, form, version, config, created_at, created_by, note)
           SELECT ?, ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ? FROM studio_versions WHERE site = ? AND form = ?`, site, id, JSON.stringify(config), now, by, options.note ?? null, site, id),
        live
          ? q(`UPDATE studio_forms SET live_version = (SELECT MAX(version) FROM studio_versions WHERE site = ? AND form = ?), scheduled_version = NULL, scheduled_at = NULL, ended_at = NULL WHERE site = ? AND id = ?`, site, id, site, id)
          : q(`UPDATE studio_forms SET scheduled_version = (SELECT MAX(version) FROM studio_versions WHERE site = ? AND form = ?), scheduled_at = ? WHERE site = ? AND id = ?`, site, id, options.at!, site, id),
        q('SELECT MAX(version) AS v FROM studio_versions WHERE site = ? AND form = ?', site, id),
      ]);
      return Number((row as { results: { v: number }[] }).results[0]!.v);
    },
    async versions(site: string, id: string): Promise<VersionRow[]> {
      const rows = (await q('SELECT * FROM studio_versions WHERE site = ? AND form = ? ORDER BY version DESC', site, id).all<Row>()).results;
      return rows.map((r) => ({ version: Number(r.version), config: JSON.parse(String(r.config)), createdAt: Number(r.created_at), createdBy: String(r.created_by), note: (r.note as string) ?? null }));
    },
    async version(site: string, id: string, version: number): Promise<VersionRow | null> {
      const r = await q('SELECT * FROM studio_versions WHERE site = ? AND form = ? AND version = ?', site, id, version).first();
      return r ? { version: Number(r.version), config: JSON.parse(String(r.config)), createdAt: Number(r.created_at), createdBy: String(r.created_by), note: (r.note as string) ?? null } : null;
    },
    /** Moves the live pointer (rollback); `null` takes the form off the site. */
    async setLive(site: string, id: string, version: number | null, now: number): Promise<void> {
      await q('UPDATE studio_forms SET live_version = ?, ended_at = ?, ends_at = CASE WHEN ? IS NULL THEN NULL ELSE ends_at END WHERE site = ? AND id = ?', version, version === null ? now : null, version, site, id).run();
    },
    async setEnd(site: string, id: string, at: number | null): Promise<void> {
      await q('UPDATE studio_forms SET ends_at = ? WHERE site = ? AND id = ?', at, site, id).run();
    },
    async cancelSchedule(site: string, id: string): Promise<void> {
      await q('UPDATE studio_forms SET scheduled_version = NULL, scheduled_at = NULL WHERE site = ? AND id = ?', site, id).run();
    },
    /** Forms whose scheduled publish or end is due. */
    async due(now: number): Promise<{ publish: FormRow[]; end: FormRow[] }> {
      const publish = (await q(`${FORM_SELECT} WHERE f.scheduled_at IS NOT NULL AND f.scheduled_at <= ?`, now).all<Row>()).results.map(formRow);
      const end = (await q(`${FORM_SELECT} WHERE f.ends_at IS NOT NULL AND f.ends_at <= ? AND f.live_version IS NOT NULL`, now).all<Row>()).results.map(formRow);
      return { publish, end };
    },
    async promoteScheduled(site: string, id: string): Promise<boolean> {
      const r = await q('UPDATE studio_forms SET live_version = scheduled_version, scheduled_version = NULL, scheduled_at = NULL, ended_at = NULL WHERE site = ? AND id = ? AND scheduled_version IS NOT NULL', site, id).run();
      return r.meta.changes === 1;
    },
    /** Every live form config, all sites: what the forms manifests serve. */
    async liveForms(): Promise<unknown[]> {
      const rows = (await q('SELECT v.config FROM studio_forms f JOIN studio_versions v ON v.site = f.site AND v.form = f.id AND v.version = f.live_version ORDER BY f.site, f.created_at, f.rowid').all<{ config: string }>()).results;
      return rows.map((r) => JSON.parse(r.config));
    },

    // ── activity ──
    async log(site: string, actor: string, action: string, form: string | null, detail: Record<string, unknown> | null, now: number): Promise<void> {
      await q('INSERT INTO studio_activity (site, at, actor, action, form, detail) VALUES (?, ?, ?, ?, ?, ?)', site, now, actor, action, form, detail ? JSON.stringify(detail) : null).run();
    },
    async lastActivity(site: string, form: string): Promise<Activity | null> {
      const r = await q('SELECT * FROM studio_activity WHERE site = ? AND form = ? ORDER BY seq DESC LIMIT 1', site, form).first();
      return r ? activity(r) : null;
    },
    async activity(site: string, limit = 200): Promise<Activity[]> {
      return (await q('SELECT * FROM studio_activity WHERE site = ? ORDER BY seq DESC LIMIT ?', site, limit).all<Row>()).results.map(activity);
    },
  };
}

function activity(r: Row): Activity {
  return { seq: Number(r.seq), at: Number(r.at), actor: String(r.actor), action: String(r.action), form: (r.form as string) ?? null, detail: r.detail ? JSON.parse(String(r.detail)) : null };
}

export type StudioStore = Awaited<ReturnType<typeof openStudioStore>>;
