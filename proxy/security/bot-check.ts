/**
 * Honeypot and minimum fill time. A caught bot gets the same answer as a person, so it learns
 * nothing, and its submission is counted and dropped.
 */
import type { SiteConfig } from '../config/site-schema.ts';

export type BotVerdict = 'honeypot' | 'too_fast' | undefined;

export function botVerdict(settings: SiteConfig['botProtection'], envelope: { hp?: string; elapsedMs?: number }): BotVerdict {
  if (settings.honeypot && envelope.hp !== undefined && envelope.hp !== '') return 'honeypot';
  // The widget always reports the time; a client that does not is judged by the other checks.
  if (envelope.elapsedMs !== undefined && envelope.elapsedMs < settings.minFillMs) return 'too_fast';
  return undefined;
}
