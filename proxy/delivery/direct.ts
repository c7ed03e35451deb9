/**
 * Direct delivery, for runtimes with no durable queue: forward now, and answer `202` only when
 * Braze accepted. Anything else is a `503` the widget retries from its own storage.
 */
import type { BrazeClient } from '../braze/client.ts';
import { HttpError } from '../errors.ts';
import type { Delivery } from './types.ts';

export function createDirectDelivery(client: BrazeClient): Delivery {
  return {
    async submit(submission) {
      const outcome = await client.track({ attributes: submission.attributes, events: submission.events });
      if (outcome.kind === 'ok') return { status: 'accepted' };
      const retrySeconds = outcome.kind === 'retry' && outcome.retryAfterMs ? Math.ceil(outcome.retryAfterMs / 1000) : 30;
      if (outcome.kind === 'rejected') console.error(`inlet: Braze rejected submission ${submission.id} (HTTP ${outcome.status})`);
      if (outcome.kind === 'auth') console.error(`inlet: Braze refused the API key (HTTP ${outcome.status}); check BRAZE_API_KEY and its permissions`);
      throw new HttpError(503, 'upstream_unavailable', 'The sign-up could not be delivered right now; try again later.', {
        headers: { 'retry-after': String(retrySeconds) },
      });
    },
  };
}
