/**
 * The studio store's part of the data lifecycle (docs/data.md): its retention purgers (kinds
 * `sessions` and `activity_log` in proxy/lifecycle/retention.ts) and its erasure target. Written
 * against `SqlDatabase`, so Node (its SQLite file) and Workers (D1) register the same ones.
 */
import type { ErasureTarget } from '../lifecycle/erasure.ts';
import type { RetentionPurger } from '../lifecycle/retention.ts';
import type { SqlDatabase } from './db.ts';

/** Ended sessions (expired or revoked before the cutoff), stale sign-in counters, and old log lines. */
export function studioPurgers(db: SqlDatabase): RetentionPurger[] {
  return [
    {
      kind: 'sessions',
      store: 'studio',
      async purge(cutoff) {
        const sessions = await db.prepare('DELETE FROM studio_sessions WHERE expires_at < ? OR revoked_at < ?').bind(cutoff, cutoff).run();
        // Throttling counters name an email or a client address; a window long past counts for nothing.
        const logins = await db.prepare('DELETE FROM studio_logins WHERE window_start < ?').bind(cutoff).run();
        return sessions.meta.changes + logins.meta.changes;
      },
    },
    {
      kind: 'activity_log',
      store: 'studio',
      async purge(cutoff) {
        return (await db.prepare('DELETE FROM studio_activity WHERE at < ?').bind(cutoff).run()).meta.changes;
      },
    },
  ];
}

/** Stands in for an erased person in the activity log, so the log still says what happened and when. */
export const ERASED_ACTOR = '(erased)';

/**
 * A studio user is a person too: erasing their email removes their account, roles, sessions and
 * sign-in counters, and replaces their address in the activity log (as actor and in details).
 */
export function studioErasureTarget(db: SqlDatabase): ErasureTarget {
  return {
    store: 'studio',
    async erase(subject) {
      const removed = { users: 0, roles: 0, sessions: 0, logins: 0, activity: 0 };
      for (const value of subject.values) {
        if (!value.includes('@')) continue;
        const email = value.toLowerCase();
        const user = await db.prepare('SELECT id FROM studio_users WHERE email = ?').bind(email).first<{ id: string }>();
        if (user) {
          const [roles, sessions, users] = (await db.batch([
            db.prepare('DELETE FROM studio_roles WHERE user_id = ?').bind(user.id),
            db.prepare('DELETE FROM studio_sessions WHERE user_id = ?').bind(user.id),
            db.prepare('DELETE FROM studio_users WHERE id = ?').bind(user.id),
          ])) as { meta: { changes: number } }[];
          removed.roles += roles!.meta.changes;
          removed.sessions += sessions!.meta.changes;
          removed.users += users!.meta.changes;
        }
        removed.logins += (await db.prepare('DELETE FROM studio_logins WHERE key = ?').bind(`email:${email}`).run()).meta.changes;
        const quoted = JSON.stringify(email);
        removed.activity += (
          await db
            .prepare('UPDATE studio_activity SET actor = CASE WHEN actor = ? THEN ? ELSE actor END, detail = replace(detail, ?, ?) WHERE actor = ? OR instr(detail, ?) > 0')
            .bind(email, ERASED_ACTOR, quoted, JSON.stringify(ERASED_ACTOR), email, quoted)
            .run()
        ).meta.changes;
      }
      return removed;
    },
  };
}
