import { describe, expect, it } from 'vitest';
import { bodyOf, objectCount, packBatches } from '../../proxy/delivery/index.ts';
import { prepared } from './helpers.ts';

const sizes = (batches: ReturnType<typeof packBatches>) => batches.map((b) => b.parts.reduce((n, p) => n + objectCount(p), 0));

describe('packBatches', () => {
  it('fills calls up to 75 objects across attributes, events and purchases combined', () => {
    const subs = Array.from({ length: 100 }, (_, i) => prepared(i)); // 2 objects each
    const batches = packBatches(subs);
    expect(sizes(batches)).toEqual([74, 74, 52]);
    expect(batches.flatMap((b) => b.parts.map((p) => p.submission.id))).toEqual(subs.map((s) => s.id));
  });

  it('never splits a submission across calls when it fits in one', () => {
    const three = (n: number) => prepared(n, { events: [prepared(n).events[0]!, prepared(n).events[0]!] });
    const batches = packBatches(Array.from({ length: 30 }, (_, i) => three(i)));
    expect(sizes(batches)).toEqual([75, 15]);
    for (const batch of batches) for (const part of batch.parts) expect(objectCount(part)).toBe(3);
  });

  it('in legacy mode counts 75 per array, so one call carries up to 75 attributes and 75 events', () => {
    const batches = packBatches(Array.from({ length: 80 }, (_, i) => prepared(i)), { mode: 'legacy', maxObjects: 75 });
    expect(batches.map((b) => b.parts.length)).toEqual([75, 5]);
    expect(bodyOf(batches[0]!.parts).body.attributes).toHaveLength(75);
    expect(bodyOf(batches[0]!.parts).body.events).toHaveLength(75);
  });

  it('keeps each call to one site', () => {
    const batches = packBatches([prepared(1), prepared(2, { site: 'blog' }), prepared(3)]);
    expect(batches.map((b) => [b.site, b.parts.map((p) => p.submission.id)])).toEqual([
      ['shop', ['sub-000001', 'sub-000003']],
      ['blog', ['sub-000002']],
    ]);
  });

  it('cuts a submission larger than one call into parts that each fit', () => {
    const event = prepared(0).events[0]!;
    const huge = prepared(0, { events: Array.from({ length: 100 }, () => event) });
    const batches = packBatches([huge, prepared(1)]);
    expect(sizes(batches)).toEqual([75, 28]);
  });

  it('maps an error back from (input_array, index) to its submission', () => {
    const [batch] = packBatches([prepared(1), prepared(2), prepared(3)]);
    const { body, locate } = bodyOf(batch!.parts);
    expect(body.attributes).toHaveLength(3);
    expect(locate('events', 2)).toEqual({ part: 2, index: 0 });
    expect(locate('attributes', 1)).toEqual({ part: 1, index: 0 });
    expect(locate('purchases', 0)).toBeUndefined();
  });
});
