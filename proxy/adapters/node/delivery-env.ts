/** Delivery settings of the Node runtime, read from the environment in one place. */
import { resolve } from 'node:path';

export interface NodeDeliveryEnv {
  /** SQLite outbox file; `undefined` means direct delivery (INLET_OUTBOX=off). */
  outboxPath?: string;
  synchronous: 'FULL' | 'NORMAL';
  adminToken?: string;
}

export const DEFAULT_OUTBOX = '.inlet/outbox.sqlite';

export function readDeliveryEnv(env: NodeJS.ProcessEnv = process.env): NodeDeliveryEnv {
  const outbox = env.INLET_OUTBOX ?? DEFAULT_OUTBOX;
  const synchronous = (env.INLET_OUTBOX_SYNC ?? 'FULL').toUpperCase();
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new Error(`INLET_OUTBOX_SYNC must be FULL (survives power loss) or NORMAL (survives a crash), got "${env.INLET_OUTBOX_SYNC}".`);
  }
  return {
    outboxPath: outbox === 'off' ? undefined : resolve(outbox),
    synchronous,
    adminToken: env.INLET_ADMIN_TOKEN || undefined,
  };
}
