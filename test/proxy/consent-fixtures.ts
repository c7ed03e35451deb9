/** Builds one-site configs and runs the pure submission core on them, for the consent and mapping tests. */
import { createHash } from 'node:crypto';
import { parseConfig, type InletConfig } from '../../proxy/config/inlet-config.ts';
import type { FieldsStep } from '../../proxy/config/form-schema.ts';
import { textHashes } from '../../proxy/consent/proof.ts';
import { SubmissionEnvelope } from '../../proxy/submission/envelope.ts';
import { prepareSubmission, type PrepareInput } from '../../proxy/submission/prepare.ts';

export const EMAIL_GROUP = '11111111-2222-4333-8444-555555555555';
export const SMS_GROUP = '99999999-8888-4777-8666-555555555555';
export const EMAIL_TEXT = 'Yes, email me news and offers. Unsubscribe at any time.';
export const SMS_TEXT = 'Yes, text me offers at this number. Msg & data rates may apply. Reply STOP to cancel.';
export const NOW = Date.UTC(2026, 3, 1, 12, 0, 0);

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function oneSite(site: Record<string, unknown>, steps: unknown[], formExtra: Record<string, unknown> = {}) {
  return { sites: { shop: { origins: ['https://shop.example.com'], ...site } }, forms: [{ id: 'welcome', site: 'shop', steps, ...formExtra }] };
}

export async function prepare(config: InletConfig | unknown, envelope: Record<string, unknown>, extra: Partial<PrepareInput> = {}) {
  const parsed = parseConfig(config, { env: { SIGNING: 'test-signing-secret' } });
  const form = parsed.forms[0]!;
  const input = SubmissionEnvelope.parse({ id: 'sub-00000001', site: 'shop', form: form.id, ...envelope });
  return prepareSubmission({ envelope: input, site: parsed.sites.shop!, form, edge: {}, hashes: await textHashes(form), receivedAt: NOW, ...extra });
}

export type { FieldsStep };
