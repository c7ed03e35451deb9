/**
 * Site-wide delivery pauses. A 401/403 (or a wrong endpoint) is a configuration fault: nothing is
 * dropped, delivery for the site stops, the fault is logged loudly and shown by `/healthz`, and a
 * probe retries now and then so delivery resumes by itself once the key is fixed.
 */
import type { DeliveryHealth } from './types.ts';

export interface PauseBoard {
  /** `permission`: what the key must hold for the paused calls, named in the log (default `users.track`). */
  pause(site: string, status: number, message: string, now: number, permission?: string): void;
  resume(site: string): void;
  /** Sites to leave alone at `now` (paused, and not yet time to probe). */
  blocked(now: number): string[];
  /** When a paused site may be probed again. */
  probeAt(site: string): number | undefined;
  health(): DeliveryHealth;
}

export function createPauseBoard(probeEveryMs: number, log: (message: string) => void = console.error): PauseBoard {
  const paused = new Map<string, { status: number; message: string; since: number; probeAt: number }>();
  return {
    pause(site, status, message, now, permission = 'users.track') {
      const current = paused.get(site);
      if (!current) {
        log(
          `inlet: delivery PAUSED for site "${site}": Braze answered HTTP ${status}${message ? ` (${message})` : ''}. ` +
            `Check BRAZE_API_KEY (it needs the ${permission} permission) and BRAZE_REST_ENDPOINT. Nothing is dropped; delivery resumes once Braze accepts the key.`,
        );
      }
      paused.set(site, { status, message, since: current?.since ?? now, probeAt: now + probeEveryMs });
    },
    resume(site) {
      if (paused.delete(site)) log(`inlet: delivery resumed for site "${site}"`);
    },
    blocked: (now) => [...paused].filter(([, p]) => p.probeAt > now).map(([site]) => site),
    probeAt: (site) => paused.get(site)?.probeAt,
    health: () => ({
      ok: paused.size === 0,
      paused: [...paused].map(([site, p]) => ({ site, status: p.status, message: p.message, since: p.since })),
    }),
  };
}
