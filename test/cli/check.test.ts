/** `npm run check` run as a process against a Braze sandbox served over HTTP. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../templates/index.ts';
import { SANDBOX_EMAIL_GROUP, SANDBOX_SMS_GROUP } from '../../demo/sandbox/index.ts';
import { startSandbox, type RunningSandbox } from '../../demo/sandbox/server.ts';
import { DEMO_ATTRIBUTES } from '../../demo/inlet.config.ts';

const KEY = 'check-key';
const WRONG_GROUP = '0b0b0b0b-1111-4222-8333-444455556666';
const NO_TRIGGER_KEY = 'check-key-without-trigger';
let sandbox: RunningSandbox;
const dir = mkdtempSync(join(tmpdir(), 'inlet-check-'));

function configFile(name: string, site: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ sites: { shop: { origins: ['https://shop.example.com'], ...site } }, forms: [] }));
  return path;
}

function runCheck(config: string, env: Record<string, string> = {}, args: string[] = []): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['proxy/cli/check.ts', ...args],
      { env: { PATH: process.env.PATH, INLET_CONFIG_FILE: config, BRAZE_REST_ENDPOINT: sandbox.url, BRAZE_API_KEY: KEY, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
    );
  });
}

beforeAll(async () => {
  const attributeSchema = [
    { name: 'interests', data_type: 'Array' as const },
    { name: 'shoe_size', data_type: 'Number' as const },
    { name: 'vip', data_type: 'String' as const },
    { name: 'legacy_score', data_type: 'Number' as const, status: 'Blocklisted' as const },
    // More than one page of 50, so pagination is followed.
    ...Array.from({ length: 60 }, (_, i) => ({ name: `filler_${String(i).padStart(2, '0')}`, data_type: 'String' as const })),
  ];
  sandbox = await startSandbox({ port: 0, apiKey: KEY, attributeSchema, unknownGroups: 'reject', keys: { [NO_TRIGGER_KEY]: ['users.track', 'custom_attributes.get'] } });
});
afterAll(() => sandbox.close());

describe('npm run check', () => {
  it('exits 0 and reports each attribute and group when all is right', async () => {
    const path = configFile('good.json', {
      subscriptionGroups: { email: SANDBOX_EMAIL_GROUP, sms: SANDBOX_SMS_GROUP },
      attributes: { interests: { type: 'string[]' }, shoe_size: { type: 'number' } },
    });
    const { code, out } = await runCheck(path);
    expect(out).toContain('✓ API key accepted by /users/track');
    expect(out).toContain('✓ custom_attributes.get: 64 custom attributes listed in 2 page(s)');
    expect(out).toContain('✓ site "shop": attribute "interests" (string[]): present');
    expect(out).toContain('✓ site "shop": attribute "shoe_size" (number): present');
    expect(out).toContain(`✓ site "shop": email subscription group ${SANDBOX_EMAIL_GROUP}: found`);
    expect(out).toContain(`✓ site "shop": sms subscription group ${SANDBOX_SMS_GROUP}: found`);
    expect(out).not.toContain('✗');
    expect(code).toBe(0);
    // The probe wrote nothing.
    expect(sandbox.sandbox.users()).toEqual([]);
  });

  it('reports a missing attribute, a wrong type, a blocklisted one and a wrong group id, and exits 1', async () => {
    const path = configFile('bad.json', {
      subscriptionGroups: { email: SANDBOX_EMAIL_GROUP, sms: WRONG_GROUP },
      attributes: { shoe_size: { type: 'number' }, favourite_trail: { type: 'string' }, vip: { type: 'boolean' }, legacy_score: { type: 'number' } },
    });
    const { code, out } = await runCheck(path);
    expect(out).toContain('✗ site "shop": attribute "favourite_trail" (string): missing in Braze');
    expect(out).toContain('✗ site "shop": attribute "vip" (boolean): wrong type, Braze has String but Inlet writes Boolean');
    expect(out).toContain('✗ site "shop": attribute "legacy_score" (number): blocklisted in Braze');
    expect(out).toContain('✓ site "shop": attribute "shoe_size" (number): present');
    expect(out).toMatch(new RegExp(`✗ site "shop": sms subscription group ${WRONG_GROUP}: not found`));
    expect(out).toContain(`✓ site "shop": email subscription group ${SANDBOX_EMAIL_GROUP}: found`);
    expect(code).toBe(1);
  });

  it('exits 1 naming the permission when the key is refused', async () => {
    const path = configFile('key.json', {});
    const { code, out } = await runCheck(path, { BRAZE_API_KEY: 'not-the-key' });
    expect(out).toContain('✗ /users/track answered HTTP 401');
    expect(code).toBe(1);
  });

  it('checks that the key may trigger the double opt-in Canvas, without sending anything', async () => {
    const path = configFile('opt-in.json', { subscriptionGroups: { email: SANDBOX_EMAIL_GROUP }, consent: { email: 'implicit', emailDoubleOptIn: { canvasId: 'confirm-canvas' } } });
    const { code, out } = await runCheck(path);
    expect(out).toContain('✓ canvas.trigger.send permission: the key may trigger the double opt-in confirmation (site "shop" canvas confirm-canvas;');
    expect(out).not.toContain('✗');
    expect(code).toBe(0);
    expect(sandbox.sandbox.dispatches()).toEqual([]);
  });

  it('exits 1 naming campaigns.trigger.send when the key lacks it', async () => {
    const path = configFile('opt-in-campaign.json', { subscriptionGroups: { email: SANDBOX_EMAIL_GROUP }, consent: { email: 'implicit', emailDoubleOptIn: { campaignId: 'confirm-campaign' } } });
    const { code, out } = await runCheck(path, { BRAZE_API_KEY: NO_TRIGGER_KEY });
    expect(out).toContain('✓ API key accepted by /users/track');
    expect(out).toContain(
      '✗ /campaigns/trigger/send answered HTTP 403 (Access Denied): the key lacks the campaigns.trigger.send permission; create a key with users.track and custom_attributes.get and campaigns.trigger.send (needed by email double opt-in: site "shop" campaign confirm-campaign)',
    );
    expect(code).toBe(1);
    expect(sandbox.sandbox.dispatches()).toEqual([]);
  });

  it('exits 1 with the config error when the config is invalid', async () => {
    const path = configFile('broken.json', { attributes: { prefs: { type: 'object' } } });
    const { code, out } = await runCheck(path);
    expect(out).toContain('sites.shop.attributes.prefs.type: "object" attributes are not supported');
    expect(code).toBe(1);
  });

  it('with no settings, checks the demo config against the local sandbox that npm start runs, and exits 0', async () => {
    const demo = await startSandbox({ port: 0, apiKey: 'sandbox', attributeSchema: DEMO_ATTRIBUTES });
    try {
      const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
        execFile(process.execPath, ['proxy/cli/check.ts'], { env: { PATH: process.env.PATH, SANDBOX_PORT: String(demo.port) } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
        );
      });
      expect(out).toContain(`checking against the local Braze sandbox at ${demo.url}`);
      // The welcome and SMS club forms, and every gallery template.
      expect(out).toContain(`✓ config demo/inlet.config.ts: 1 site(s), ${2 + TEMPLATES.length} form(s)`);
      expect(out).not.toContain('✗');
      expect(code).toBe(0);
    } finally {
      await demo.close();
    }
  });
});

describe('npm run check with nothing answering at the Braze address', () => {
  it('says nothing answers there and how to start the sandbox, without blaming the key (issue 12 item 17)', async () => {
    const config = configFile('nothing-there.json', { subscriptionGroups: { email: SANDBOX_EMAIL_GROUP } });
    // Port 9 (discard) on loopback: nothing listens there in a test run.
    const { code, out } = await runCheck(config, { BRAZE_REST_ENDPOINT: 'http://127.0.0.1:9' });
    expect(code).toBe(1);
    expect(out).toMatch(/nothing answers at http:\/\/127\.0\.0\.1:9/);
    expect(out).toMatch(/npm run sandbox/);
    expect(out).not.toMatch(/key was refused|BRAZE_API_KEY/);
  });
});

describe('npm run check and subscription groups (issue 12 item 10)', () => {
  // The sandbox as `npm start` runs it: it stores an unknown group id as Braze's async /users/track may.
  let loose: RunningSandbox;
  let asBraze: RunningSandbox;
  beforeAll(async () => {
    loose = await startSandbox({ port: 0, apiKey: KEY });
    // No inspection routes, as on a real Braze instance: nothing lists the workspace's groups.
    asBraze = await startSandbox({ port: 0, apiKey: KEY, inspection: false });
  });
  afterAll(async () => {
    await loose.close();
    await asBraze.close();
  });

  it('against the sandbox, fails for a subscription-group id the workspace does not have', async () => {
    const path = configFile('unknown-group.json', { subscriptionGroups: { email: WRONG_GROUP } });
    const { code, out } = await runCheck(path, { BRAZE_REST_ENDPOINT: loose.url });
    expect(out).toContain(`✗ site "shop": email subscription group ${WRONG_GROUP}: no such group in this workspace; copy the id from Braze › Audience › Subscriptions`);
    expect(code).toBe(1);
  });

  it('against the sandbox, fails for the email and SMS group ids swapped, naming the fix', async () => {
    const path = configFile('swapped-groups.json', { subscriptionGroups: { email: SANDBOX_SMS_GROUP, sms: SANDBOX_EMAIL_GROUP } });
    const { code, out } = await runCheck(path, { BRAZE_REST_ENDPOINT: loose.url });
    expect(out).toContain(`✗ site "shop": email subscription group ${SANDBOX_SMS_GROUP}: this is an SMS group ("Sandbox SMS offers"); did you swap subscriptionGroups.email and subscriptionGroups.sms?`);
    expect(out).toContain(`✗ site "shop": sms subscription group ${SANDBOX_EMAIL_GROUP}: this is an email group ("Sandbox newsletter")`);
    expect(code).toBe(1);
  });

  it('against Braze, says plainly that a group id and its channel cannot be verified, without failing', async () => {
    const path = configFile('unverifiable-group.json', { subscriptionGroups: { email: SANDBOX_EMAIL_GROUP, sms: SANDBOX_SMS_GROUP } });
    const { code, out } = await runCheck(path, { BRAZE_REST_ENDPOINT: asBraze.url });
    expect(out).toContain(`? site "shop": email subscription group ${SANDBOX_EMAIL_GROUP}: cannot be verified: Braze's REST API lists no subscription groups, so whether this id exists and is an email group is not known; compare it with Braze › Audience › Subscriptions`);
    expect(out).toContain(`? site "shop": sms subscription group ${SANDBOX_SMS_GROUP}: cannot be verified`);
    expect(code).toBe(0);
  });
});
