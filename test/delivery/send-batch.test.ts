import { describe, expect, it } from 'vitest';
import { createBrazeClient } from '../../proxy/braze/client.ts';
import { createStats, packBatches, sendBatch } from '../../proxy/delivery/index.ts';
import { API_KEY, ENDPOINT, prepared, sandboxFor, trackCalls } from './helpers.ts';

function setup(options: Parameters<typeof sandboxFor>[0] = {}) {
  const { sandbox, fetch } = sandboxFor(options);
  const stats = createStats();
  return { sandbox, stats, deps: { client: createBrazeClient({ endpoint: ENDPOINT, apiKey: API_KEY, fetch }), stats } };
}

const BAD_EMAIL = "The value provided for the 'email' field is not a valid email.";

describe('sendBatch', () => {
  it('sends only the objects Braze names in a 201 to the dead letters, by submission', async () => {
    const { sandbox, deps } = setup();
    const bad = prepared(2, { attributes: [{ email: 'not-an-email' }] });
    const [batch] = packBatches([prepared(1), bad, prepared(3)]);
    const outcomes = await sendBatch(batch!.parts, deps);
    expect(outcomes).toEqual([
      { kind: 'accepted', status: 201, refused: [] },
      { kind: 'accepted', status: 201, refused: [{ array: 'attributes', index: 0, reason: BAD_EMAIL }] },
      { kind: 'accepted', status: 201, refused: [] },
    ]);
    expect(sandbox.users().map((u) => u.email).sort()).toEqual(['visitor-1@example.com', 'visitor-2@example.com', 'visitor-3@example.com']);
  });

  it('halves a batch Braze refuses as a whole until the halves go through', async () => {
    // A contract with a lower limit than the packer assumed: 400 "Max Input Length Exceeded".
    const { sandbox, deps, stats } = setup({ maxObjects: 40 });
    const [batch] = packBatches(Array.from({ length: 37 }, (_, i) => prepared(i)));
    const outcomes = await sendBatch(batch!.parts, deps);
    expect(outcomes.every((o) => o.kind === 'accepted' && o.refused.length === 0)).toBe(true);
    expect(trackCalls(sandbox).map((r) => r.status)).toEqual([400, 201, 201]);
    expect(stats.get('brazeCalls')).toBe(3);
    expect(sandbox.users()).toHaveLength(37);
  });

  it('isolates one oversized submission by halving, and dead-letters only it', async () => {
    const { sandbox, deps } = setup({ maxObjects: 10 });
    const event = prepared(0).events[0]!;
    const big = prepared(9, { events: Array.from({ length: 11 }, () => event) });
    const [batch] = packBatches([prepared(1), prepared(2), big, prepared(3)]);
    const outcomes = await sendBatch(batch!.parts, deps);
    expect(outcomes.map((o) => (o.kind === 'accepted' ? o.refused.length : o.kind))).toEqual([0, 0, 12, 0]);
    expect(outcomes[2]?.kind === 'accepted' && new Set(outcomes[2].refused.map((r) => r.reason))).toEqual(new Set(['Max Input Length Exceeded']));
    // [1 2 big 3] → [1 2] ok, [big 3] → [big] refused, [3] ok
    expect(trackCalls(sandbox).map((r) => r.status)).toEqual([400, 201, 400, 400, 201]);
  });

  it('refuses every object of a 400 that lists object errors, without halving', async () => {
    const { sandbox, deps } = setup();
    const [batch] = packBatches([prepared(1, { attributes: [{ email: 'a@' }], events: [] }), prepared(2, { attributes: [{ email: 'b@' }], events: [] })]);
    const outcomes = await sendBatch(batch!.parts, deps);
    expect(outcomes).toEqual([
      { kind: 'accepted', status: 400, refused: [{ array: 'attributes', index: 0, reason: BAD_EMAIL }] },
      { kind: 'accepted', status: 400, refused: [{ array: 'attributes', index: 0, reason: BAD_EMAIL }] },
    ]);
    expect(trackCalls(sandbox)).toHaveLength(1);
  });

  it('pauses every part on 401', async () => {
    const { fetch } = sandboxFor();
    const deps = { client: createBrazeClient({ endpoint: ENDPOINT, apiKey: 'revoked', fetch }) };
    const [batch] = packBatches([prepared(1), prepared(2)]);
    expect(await sendBatch(batch!.parts, deps)).toEqual([
      { kind: 'paused', status: 401, message: 'Invalid API key' },
      { kind: 'paused', status: 401, message: 'Invalid API key' },
    ]);
  });
});
