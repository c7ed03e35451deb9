/**
 * Shared by the lifecycle tests: a Node proxy on real sockets over a real SQLite file, a
 * multi-step sign-up form, and a scan of every table, column and byte of the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { openSqlite } from '../../proxy/adapters/node/sqlite.ts';

export const ORIGIN = 'https://shop.example.com';
export const SANDBOX_KEY = 'lifecycle-test-key';
export const EMAIL_GROUP = '4f1c0a6e-8b2d-4c3e-9a51-6d2e7f8a9b01';

/** Step 1 takes the email, step 2 the phone and city: the multi-step form of the product. */
export function lifecycleConfig() {
  return {
    sites: { shop: { origins: [ORIGIN], subscriptionGroups: { email: EMAIL_GROUP }, consent: { email: 'explicit' }, rateLimit: { perIpPerMinute: 100_000 } } },
    forms: [
      {
        id: 'welcome',
        site: 'shop',
        steps: [
          {
            fields: [
              { name: 'email', type: 'email', required: true },
              { name: 'first_name', type: 'text', attribute: 'first_name' },
              { name: 'news', type: 'consent', channel: 'email', disclosure: { en: 'Email me offers. Unsubscribe any time.' }, version: 'v1' },
            ],
          },
          { fields: [{ name: 'phone', type: 'phone', defaultCountry: 'FR' }, { name: 'home_city', type: 'text' }] },
          { success: { coupon: 'WELCOME10' } },
        ],
      },
    ],
  };
}

export async function submit(baseUrl: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/v1/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

let n = 0;
export const submissionId = (tag: string) => `${tag}-${Date.now().toString(36)}-${(n += 1)}`;

/** Every value of every column of every table, as text, with where it was found. */
export function everyValue(path: string): { at: string; text: string }[] {
  const db = openSqlite(path, { synchronous: 'NORMAL' });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((r) => String(r.name));
    return tables.flatMap((table) =>
      db.prepare(`SELECT * FROM "${table}"`).all().flatMap((row, i) => Object.entries(row).map(([column, value]) => ({ at: `${table}[${i}].${column}`, text: value === null ? '' : String(value) }))),
    );
  } finally {
    db.close();
  }
}

/** Where any needle appears: in a column value, or anywhere in the bytes of the file and its write-ahead log. */
export function traces(path: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  const values = everyValue(path);
  for (const needle of needles) {
    for (const v of values) if (v.text.includes(needle)) found.push(`${JSON.stringify(needle)} in ${v.at}`);
    for (const file of [path, `${path}-wal`]) {
      if (existsSync(file) && readFileSync(file).includes(Buffer.from(needle))) found.push(`${JSON.stringify(needle)} in the bytes of ${file}`);
    }
  }
  return found;
}
