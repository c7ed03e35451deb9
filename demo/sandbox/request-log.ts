/** The request log behind `GET /_sandbox/requests`: what arrived, what was answered, and why. */
import type { FaultOutcome } from './faults.ts';

export interface LoggedRequest {
  id: number;
  at: string;
  method: string;
  path: string;
  query: string;
  /** Masked: only the first characters of the key. */
  key?: string;
  body?: unknown;
  status: number | null;
  outcome: 'response' | 'hang' | 'reset';
  /** Set when fault injection decided the answer. */
  fault?: FaultOutcome;
  response?: unknown;
  /** What Braze would silently drop or ignore in this request. */
  notes: string[];
  duration_ms: number;
}

export function createRequestLog(max: number) {
  let entries: LoggedRequest[] = [];
  let next = 1;
  return {
    add(entry: Omit<LoggedRequest, 'id'>): LoggedRequest {
      const logged = { id: next++, ...entry };
      entries.push(logged);
      if (entries.length > max) entries = entries.slice(entries.length - max);
      return logged;
    },
    all: (): LoggedRequest[] => entries,
    clear() {
      entries = [];
    },
  };
}
export type RequestLog = ReturnType<typeof createRequestLog>;
