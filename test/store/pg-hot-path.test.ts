import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/db.js';
import { Prisma } from '../../src/store/generated/sqlite/client.js';
import { prismaHotPath, toBudgetRow, utcDateOf } from '../../src/store/hot-path.js';
import { createUnit, ensureUser } from '../../src/store/people.js';
import { inline, literal, pgHotPath, withIsoDates } from '../../src/store/pg-hot-path.js';
import { openReport } from '../../src/store/reports.js';
import { PG_URL, testDatabases } from '../helpers/databases.js';

describe('literals of the PostgreSQL hot path', () => {
  it('writes each kind of value as PostgreSQL reads it back', () => {
    expect(literal(null)).toBe('NULL');
    expect(literal(undefined)).toBe('NULL');
    expect(literal(42)).toBe('42');
    // negative in parentheses: after a minus in the text, -1.5 would start a -- comment
    expect(literal(-1.5)).toBe('(-1.5)');
    expect(literal(7n)).toBe('7');
    expect(literal(-7n)).toBe('(-7)');
    expect(literal(true)).toBe('TRUE');
    expect(literal("it's")).toBe("'it''s'");
    // a backslash makes pg write an E'' literal with the backslash doubled
    expect(literal('a\\b')).toBe(" E'a\\\\b'");
    expect(literal(new Date('2025-03-01T09:30:15.123Z'))).toBe("'2025-03-01 09:30:15.123'");
    expect(() => literal(Number.NaN)).toThrow();
    expect(() => literal({})).toThrow();
  });

  it('asks for ISO dates in the connection options, after any given there', () => {
    expect(new URL(withIsoDates('postgresql://u:p@h:5432/db')).searchParams.get('options')).toBe('-c DateStyle=ISO');
    const kept = new URL(withIsoDates('postgresql://u:p@h:5432/db?sslmode=disable&options=-c%20search_path%3Dx'));
    expect(kept.searchParams.get('options')).toBe('-c search_path=x -c DateStyle=ISO');
    expect(kept.searchParams.get('sslmode')).toBe('disable');
    expect(kept.password).toBe('p');
  });

  it('replaces each placeholder once, so a value that looks like a placeholder stays a value', () => {
    const q = Prisma.sql`INSERT INTO "T" ("a", "b", "c") VALUES (${'$2'}, ${"x'); DROP TABLE \"T\"; --"}, ${10})`;
    expect(inline(q)).toBe(`INSERT INTO "T" ("a", "b", "c") VALUES ('$2', 'x''); DROP TABLE "T"; --', 10)`);
    // ten or more values: $1 does not eat the 1 of $10
    const many = Prisma.sql`SELECT ${Prisma.join(Array.from({ length: 11 }, (_, i) => i + 100))}`;
    expect(inline(many)).toBe('SELECT 100,101,102,103,104,105,106,107,108,109,110');
    expect(inline(Prisma.sql`SELECT 1 - ${-1}`)).toBe('SELECT 1 - (-1)');
    // a placeholder without its value is an error, not a NULL
    expect(() => inline(Prisma.raw('SELECT $1'))).toThrow(/no value for \$1/);
  });

  it('reads stored dates as UTC in either database\'s text form, and an unreadable one as none', () => {
    expect(utcDateOf('2025-03-01T09:30:15.123+00:00').toISOString()).toBe('2025-03-01T09:30:15.123Z');
    expect(utcDateOf('2025-03-01 09:30:15.123').toISOString()).toBe('2025-03-01T09:30:15.123Z');
    expect(utcDateOf('2025-03-01 09:30:15').toISOString()).toBe('2025-03-01T09:30:15.000Z');
    expect(toBudgetRow({ day: '2025-03-01', sent: 1, lastInboundAt: '01.03.2025 09:30:15' }).lastInboundAt).toBeNull();
    expect(toBudgetRow({ day: '2025-03-01', sent: 1, lastInboundAt: null }).lastInboundAt).toBeNull();
  });
});

describe.skipIf(!PG_URL)(`the PostgreSQL hot path on its own pool${PG_URL ? '' : ' (skipped: TEST_POSTGRES_URL is not set)'}`, () => {
  const t = testDatabases().find((x) => x.name === 'postgres')!;
  let d: Database;
  let url: string;
  let userId: string;
  let reportId: string;
  beforeAll(async () => {
    d = await t.open();
    url = await t.url();
    userId = (await ensureUser(d.db, 'wecom:pg-hot', '热')).id;
    const unit = await createUnit(d, { name: '热路径单位', ruleSetId: 'yueyang-reference', adminUserId: userId });
    reportId = (await openReport(d.db, unit.id, 2024, { id: 'yueyang-reference', version: 1 })).id;
  });
  afterAll(async () => {
    await d?.close();
    await t?.cleanup();
  });

  const audit = (action: string, at: Date, detail = '{"ok":true}') =>
    Prisma.sql`INSERT INTO "AuditLog" ("unitId", "userId", "action", "detail", "createdAt") VALUES (NULL, ${userId}, ${action}, ${detail}, ${at})`;

  it('is what a PostgreSQL database opens with, and reads the same rows as Prisma', async () => {
    expect(d.hot.via).toBe('driver');
    const viaPrisma = prismaHotPath(d.db);
    expect(await d.hot.sessionRows('wecom:pg-hot', 'wecom')).toEqual(await viaPrisma.sessionRows('wecom:pg-hot', 'wecom'));
    expect(await d.hot.reportRow(reportId)).toEqual(await viaPrisma.reportRow(reportId));
    expect((await d.hot.reportRow(reportId))?.version).toBeTypeOf('number');
    expect(await d.hot.reportRow('no-such-report')).toBeUndefined();
    expect(await d.hot.sessionRows('wecom:nobody', 'wecom')).toEqual([]);
    // a TIMESTAMP is read as UTC (pg alone would read it in the process's time zone)
    const at = new Date('2025-03-01T09:30:15.123Z');
    await d.db.sendBudget.create({ data: { userExternalId: 'wecom:pg-hot', day: '2025-03-01', sent: 3, lastInboundAt: at } });
    expect(await d.hot.budgetRow('wecom:pg-hot')).toEqual({ day: '2025-03-01', sent: 3, lastInboundAt: at });
    expect(await d.hot.budgetRow('wecom:nobody')).toBeUndefined();
  });

  it('stores dates and awkward text so that Prisma reads them back unchanged', async () => {
    const at = new Date('2025-03-01T09:30:15.123Z');
    const text = `它's a \\ back\\slash, a "quote", $1, a new\nline, 表情 😀 and a ; semicolon`;
    await d.hot.batch([audit('pg-hot.date', at, text)]);
    const row = await d.db.auditLog.findFirstOrThrow({ where: { action: 'pg-hot.date' } });
    expect(row.createdAt.toISOString()).toBe(at.toISOString());
    expect(row.detail).toBe(text);
    // the same stored value Prisma's adapter writes for that date
    await d.db.auditLog.create({ data: { userId, action: 'prisma.date', detail: 'null', createdAt: at } });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const stored = await c.query(`SELECT "action", "createdAt"::text AS "at" FROM "AuditLog" WHERE "action" IN ('pg-hot.date', 'prisma.date') ORDER BY "action"`);
      expect(stored.rows).toEqual([
        { action: 'pg-hot.date', at: '2025-03-01 09:30:15.123' },
        { action: 'prisma.date', at: '2025-03-01 09:30:15.123' },
      ]);
    } finally {
      await c.end();
    }
  });

  it('a failing statement rolls the whole batch back, and the pool goes on', async () => {
    const bad = Prisma.sql`INSERT INTO "AuditLog" ("unitId", "userId", "action", "detail", "createdAt") VALUES (NULL, ${userId}, NULL, 'x', ${new Date()})`;
    await expect(d.hot.batch([audit('pg-hot.rolled-back', new Date()), bad, audit('pg-hot.after-bad', new Date())])).rejects.toMatchObject({ code: '23502' });
    expect(await d.db.auditLog.count({ where: { action: { in: ['pg-hot.rolled-back', 'pg-hot.after-bad'] } } })).toBe(0);
    // every connection of the pool is usable afterwards (no transaction left open)
    await Promise.all(Array.from({ length: 8 }, (_, i) => d.hot.batch([audit(`pg-hot.after-${i}`, new Date())])));
    expect(await d.db.auditLog.count({ where: { action: { startsWith: 'pg-hot.after-' } } })).toBe(8);
  });

  it('reads and writes the same under another DateStyle and with standard_conforming_strings off', async () => {
    // what a database or role may have set (ALTER DATABASE … SET …): the hot path's literals and its date reads do not depend on either
    const hot = pgHotPath(`${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c DateStyle=German -c standard_conforming_strings=off')}`);
    try {
      const at = new Date('2025-04-02T03:04:05.678Z');
      const text = 'back\\slash \\n and it\'s';
      await hot.batch([
        audit('pg-hot.settings', at, text),
        Prisma.sql`INSERT INTO "SendBudget" ("userExternalId", "day", "sent", "lastInboundAt") VALUES (${'wecom:pg-german'}, ${'2025-04-02'}, ${2}, ${at})`,
      ]);
      const row = await d.db.auditLog.findFirstOrThrow({ where: { action: 'pg-hot.settings' } });
      expect(row.detail).toBe(text);
      expect(row.createdAt.toISOString()).toBe(at.toISOString());
      expect(await hot.budgetRow('wecom:pg-german')).toEqual({ day: '2025-04-02', sent: 2, lastInboundAt: at });
    } finally {
      await hot.close();
    }
  });
});
