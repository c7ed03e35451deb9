import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as proxy from '../../proxy/index.ts';

describe('public surface', () => {
  it('proxy/index.ts exports exactly the documented runtime API', () => {
    expect(Object.keys(proxy).sort()).toEqual([
      'ConfigError',
      'HttpError',
      'checkBraze',
      'createBrazeClient',
      'createDeliverContext',
      'createDirectDelivery',
      'createHandler',
      'createOutboxDelivery',
      'createOutboxWorker',
      'createSubmissionRoute',
      'decideConsent',
      'deliverEntries',
      'formJsonSchema',
      'isAdminToken',
      'packBatches',
      'parseConfig',
      'prepareSubmission',
      'sendBatch',
      'verifyExternalId',
    ]);
  });

  // The widget entry is a browser module: its export list is read from the source, in node.
  it('widget/index.ts exports only boot at run time', () => {
    const source = readFileSync('widget/index.ts', 'utf8');
    const runtimeExports = [...source.matchAll(/^export (?:async )?(?:function|const|class) (\w+)/gm)].map((m) => m[1]);
    const reexports = [...source.matchAll(/^export \{([^}]+)\} from/gm)].flatMap((m) => m[1]!.split(',').map((s) => s.trim()));
    expect(runtimeExports).toEqual(['boot']);
    expect(reexports).toEqual([]);
  });
});
