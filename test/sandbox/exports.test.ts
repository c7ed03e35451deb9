import { expect, it } from 'vitest';
import * as sandbox from '../../demo/sandbox/index.ts';

it('exposes exactly the documented public entry of the sandbox', () => {
  expect(Object.keys(sandbox).sort()).toEqual(['DEFAULTS', 'FAULT_STATUSES', 'OBJECT_ERRORS', 'PERMISSIONS', 'SANDBOX_EMAIL_GROUP', 'SANDBOX_SMS_GROUP', 'createSandbox']);
  expect(sandbox.SANDBOX_EMAIL_GROUP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(sandbox.SANDBOX_SMS_GROUP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

it('merges options with defaults once: apiKey sandbox, combined 75-object limit, arrays of 500', () => {
  const { options } = sandbox.createSandbox();
  expect(options).toMatchObject({ apiKey: 'sandbox', limitMode: 'combined', maxObjects: 75, maxArrayLength: 500, maxBodyBytes: 4 * 1024 * 1024 });
});
