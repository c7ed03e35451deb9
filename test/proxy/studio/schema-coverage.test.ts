/**
 * One source for the studio's editor: every key of the form schema the proxy validates with has a
 * panel, and every field type can be chosen. A key or type added to proxy/config/form-schema.ts
 * without a place in the studio fails here.
 */
import { describe, expect, it } from 'vitest';
import { Field, FormConfig, StepText } from '../../../proxy/config/form-schema.ts';
import { FIELD_TYPES, PANELS, STEP_TEXTS } from '../../../studio/panels.ts';

describe('the studio edits every part of the form schema', () => {
  it('has a panel for every top-level key of FormConfig', () => {
    const covered = new Set(Object.values(PANELS).flat());
    expect(Object.keys(FormConfig.shape).filter((k) => !covered.has(k as never))).toEqual([]);
  });

  it('offers every field type', () => {
    const types = Field.options.map((o) => o.shape.type.value);
    expect([...FIELD_TYPES].sort()).toEqual([...types].sort());
  });

  it('edits every text of a step', () => {
    expect([...STEP_TEXTS].sort()).toEqual(Object.keys(StepText.shape).sort());
  });
});
