import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCodes } from '../../proxy/cli/codes.ts';
import { openOutboxFile } from '../../proxy/adapters/node/delivery.ts';

describe('npm run codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inlet-codes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const outbox = join(dir, 'outbox.sqlite');
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const code = await runCodes([...args, '--outbox', outbox], (l) => lines.push(l));
    return { code, text: lines.join('\n') };
  };

  it('imports a CSV by its "code" column, skips repeats, and reports the stock', async () => {
    const csv = join(dir, 'codes.csv');
    writeFileSync(csv, 'id,code,value\n1,SPRING-A1,10\n2,SPRING-B2,10\n3,SPRING-A1,10\n');
    expect(await run('import', csv, '--site', 'shop', '--pool', 'spring')).toEqual({ code: 0, text: 'Added 2 code(s) to shop/spring; skipped 1 already there or repeated.' });
    expect(await run('import', csv, '--site', 'shop', '--pool', 'spring')).toMatchObject({ text: 'Added 0 code(s) to shop/spring; skipped 3 already there or repeated.' });
    expect(await run('status')).toEqual({ code: 0, text: 'shop/spring: 2 left of 2 (0 claimed)' });
  });

  it('generates distinct codes from a pattern and refuses a guessable one, naming the fix', async () => {
    expect(await run('generate', '--site', 'shop', '--pool', 'gen', '--pattern', 'WELCOME-XXXXXX', '--count', '300')).toEqual({ code: 0, text: 'Added 300 code(s) to shop/gen.' });
    const { db } = openOutboxFile(outbox);
    const codes = db.prepare(`SELECT code FROM offer_codes WHERE pool = 'gen'`).all().map((r) => String(r.code));
    db.close();
    expect(new Set(codes).size).toBe(300);
    for (const code of codes) expect(code).toMatch(/^WELCOME-[A-HJ-NP-Z2-9]{6}$/);
    const weak = await run('generate', '--site', 'shop', '--pool', 'gen', '--pattern', 'SALE-##', '--count', '50');
    expect(weak.code).toBe(1);
    expect(weak.text).toContain('add X characters');
  });

  it('names the bad line of a CSV and adds nothing from it', async () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'GOOD-1\nnot a code!\n');
    expect(await run('import', csv, '--site', 'shop', '--pool', 'bad')).toEqual({ code: 1, text: 'line 2: "not a code!" is not a code: codes are 1 to 64 letters, digits, "-" or "_"; fix the line or remove it' });
  });

  it('writes SQL for D1 with --sql', async () => {
    const csv = join(dir, 'd1.csv');
    writeFileSync(csv, "CODE-1\nCODE-2\n");
    const lines: string[] = [];
    expect(await runCodes(['import', csv, '--site', 'shop', '--pool', 'welcome', '--sql'], (l) => lines.push(l), 1000)).toBe(0);
    expect(lines).toEqual([
      "INSERT INTO offer_codes (site, pool, code, added_at) VALUES ('shop', 'welcome', 'CODE-1', 1000) ON CONFLICT DO NOTHING;",
      "INSERT INTO offer_codes (site, pool, code, added_at) VALUES ('shop', 'welcome', 'CODE-2', 1000) ON CONFLICT DO NOTHING;",
    ]);
  });
});
