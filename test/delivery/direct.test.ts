import { describe, expect, it } from 'vitest';
import { createBrazeClient } from '../../proxy/braze/client.ts';
import { createDirectDelivery } from '../../proxy/delivery/index.ts';
import { DeliveryError } from '../../proxy/delivery/errors.ts';
import { API_KEY, ENDPOINT, prepared, sandboxFor } from './helpers.ts';

function direct() {
  const { sandbox, fetch } = sandboxFor();
  return { sandbox, delivery: createDirectDelivery(createBrazeClient({ endpoint: ENDPOINT, apiKey: API_KEY, fetch }), { delivery: { backoff: { baseMs: 4_000, maxMs: 4_000 } } }) };
}

describe('direct delivery (no durable queue)', () => {
  it('answers only once Braze accepted, and a resent id is not delivered again by this instance', async () => {
    const { sandbox, delivery } = direct();
    expect(await delivery.submit(prepared(1))).toEqual({ status: 'accepted' });
    expect(await delivery.submit(prepared(1))).toEqual({ status: 'duplicate' });
    expect(sandbox.users()[0]?.events).toHaveLength(1);
  });

  it('says braze_unavailable with a retry delay when Braze fails (the route answers 503), and lets the same id try again', async () => {
    const { sandbox, delivery } = direct();
    sandbox.setFaults({ next: [503] });
    const error = await delivery.submit(prepared(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ code: 'braze_unavailable', retryAfterSeconds: expect.any(Number) });
    expect([2, 3, 4]).toContain((error as DeliveryError).retryAfterSeconds);
    expect(await delivery.submit(prepared(1))).toEqual({ status: 'accepted' });
  });

  it('says refused_by_braze, naming Braze reason, when Braze refuses the whole sign-up and no dead-letter store exists', async () => {
    const { delivery } = direct();
    const error = await delivery.submit(prepared(1, { attributes: [{ email: 'x@' }], events: [] })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'refused_by_braze', message: "Braze refused this sign-up: The value provided for the 'email' field is not a valid email." });
  });
});
