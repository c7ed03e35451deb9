/**
 * The producer side of Cloudflare Queues: a submission is safe once the queue took it, so `202`
 * follows `send()`. The consumer (`consumer.ts`) batches and delivers to Braze.
 */
import type { Delivery, PreparedSubmission } from '../../delivery/types.ts';
import { DeliveryError } from '../../delivery/errors.ts';
import type { Queue } from './cf.ts';

export function createQueueDelivery(queue: Queue<PreparedSubmission>): Delivery {
  return {
    async submit(submission) {
      try {
        await queue.send(submission, { contentType: 'json' });
      } catch (error) {
        console.error('inlet: the submissions queue refused a message', error instanceof Error ? error.name : typeof error);
        throw new DeliveryError('store_unavailable', 'The sign-up could not be stored right now; try again shortly.', 5);
      }
      return { status: 'accepted' };
    },
  };
}
