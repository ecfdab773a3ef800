import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/db.js';
import { sqlitePath } from '../../src/store/db.js';
import { Prisma } from '../../src/store/generated/sqlite/client.js';
import { EpochMovedError, prismaHotPath, type HotPath } from '../../src/store/hot-path.js';
import { createUnit, ensureUser } from '../../src/store/people.js';
import { openReport } from '../../src/store/reports.js';
import { sqliteHotPath } from '../../src/store/sqlite-hot-path.js';
import { testDatabases } from '../helpers/databases.js';

const sqlite = testDatabases().find((t) => t.name === 'sqlite')!;

/** A fallback that records what it was handed instead of doing it. */
function recordingFallback() {
  const calls: string[] = [];
  const fallback: HotPath = {
    via: 'prisma',
    sessionRows: async () => (calls.push('sessionRows'), []),
    reportRow: async () => (calls.push('reportRow'), undefined),
    budgetRow: async () => (calls.push('budgetRow'), undefined),
    batch: async () => void calls.push('batch'),
    epoch: () => undefined,
    knownEpoch: () => undefined,
    close: () => {},
  };
  return { calls, fallback };
}

describe('the SQLite hot path on its own connection', () => {
  let d: Database;
  let file: string;
  let userId: string;
  let reportId: string;
  beforeAll(async () => {
    d = await sqlite.open();
    file = sqlitePath(await sqlite.url());
    userId = (await ensureUser(d.db, 'wecom:hot', '热')).id;
    const unit = await createUnit(d, { name: '热路径单位', ruleSetId: 'yueyang-reference', adminUserId: userId });
    reportId = (await openReport(d.db, unit.id, 2024, { id: 'yueyang-reference', version: 1 })).id;
  });
  afterAll(async () => {
    await d.close();
    await sqlite.cleanup();
  });

  /** A commit by another connection, as another process would make it. */
  const writeElsewhere = (other: BetterSqlite3.Database, action: string) =>
    other.prepare(`INSERT INTO "AuditLog" ("userId", "action", "detail", "createdAt") VALUES (?, ?, 'null', '2025-03-01T00:00:00.000+00:00')`).run(userId, action);
  const audit = (action: string, at: Date) =>
    Prisma.sql`INSERT INTO "AuditLog" ("unitId", "userId", "action", "detail", "createdAt") VALUES (NULL, ${userId}, ${action}, ${'{"ok":true}'}, ${at})`;

  it('reads the same rows as the Prisma path', async () => {
    const { fallback } = recordingFallback();
    const hot = sqliteHotPath(file, fallback);
    try {
      const viaPrisma = (await import('../../src/store/hot-path.js')).prismaHotPath(d.db);
      expect(await hot.sessionRows('wecom:hot', 'wecom')).toEqual(await viaPrisma.sessionRows('wecom:hot', 'wecom'));
      expect(await hot.reportRow(reportId)).toEqual(await viaPrisma.reportRow(reportId));
      expect((await hot.reportRow(reportId))?.version).toBeTypeOf('number');
      expect(await hot.reportRow('no-such-report')).toBeUndefined();
      expect(await hot.sessionRows('wecom:nobody', 'wecom')).toEqual([]);
      const at = new Date('2025-03-01T09:30:15.123Z');
      await d.db.sendBudget.create({ data: { userExternalId: 'wecom:hot', day: '2025-03-01', sent: 3, lastInboundAt: at } });
      expect(await hot.budgetRow('wecom:hot')).toEqual({ day: '2025-03-01', sent: 3, lastInboundAt: at });
      expect(await viaPrisma.budgetRow('wecom:hot')).toEqual({ day: '2025-03-01', sent: 3, lastInboundAt: at });
      expect(await hot.budgetRow('wecom:nobody')).toBeUndefined();
    } finally {
      hot.close();
    }
  });

  it('keeps its epoch across its own commits and moves it when any other connection commits', async () => {
    const hot = sqliteHotPath(file, recordingFallback().fallback);
    const other = new BetterSqlite3(file);
    try {
      const first = hot.epoch();
      expect(first).toBeTypeOf('number');
      await hot.batch([audit('hot.epoch', new Date())]);
      await hot.sessionRows('wecom:hot', 'wecom');
      expect(hot.epoch()).toBe(first); // its own writes and reads

      await d.db.auditLog.create({ data: { userId, action: 'prisma.epoch', detail: 'null' } });
      const second = hot.epoch();
      expect(second).not.toBe(first); // Prisma's connection in the same process
      expect(hot.epoch()).toBe(second);

      writeElsewhere(other, 'other.epoch');
      expect(hot.epoch()).not.toBe(second); // another connection, as another process would
      expect(prismaHotPath(d.db).epoch()).toBeUndefined();
    } finally {
      other.close();
      hot.close();
    }
  });

  it('knows its epoch without asking; a batch at a moved epoch writes nothing and says so', async () => {
    const hot = sqliteHotPath(file, recordingFallback().fallback);
    const other = new BetterSqlite3(file);
    try {
      const start = hot.epoch()!;
      await hot.batch([audit('hot.at-epoch', new Date())], start);
      expect(await d.db.auditLog.count({ where: { action: 'hot.at-epoch' } })).toBe(1);

      writeElsewhere(other, 'other.moves-epoch');
      expect(hot.knownEpoch()).toBe(start); // not read again: the move is not seen yet
      await expect(hot.batch([audit('hot.stale', new Date())], start)).rejects.toBeInstanceOf(EpochMovedError);
      expect(await d.db.auditLog.count({ where: { action: 'hot.stale' } })).toBe(0);
      // the failed batch has seen the new epoch; at that one it commits
      const moved = hot.knownEpoch()!;
      expect(moved).not.toBe(start);
      expect(hot.epoch()).toBe(moved);
      await hot.batch([audit('hot.at-new-epoch', new Date())], moved);
      expect(await d.db.auditLog.count({ where: { action: 'hot.at-new-epoch' } })).toBe(1);
      // without an epoch nothing is checked
      writeElsewhere(other, 'other.again');
      await hot.batch([audit('hot.unchecked', new Date())]);
      expect(await d.db.auditLog.count({ where: { action: 'hot.unchecked' } })).toBe(1);
    } finally {
      other.close();
      hot.close();
    }
  });

  it('does not hand a batch at a moved epoch to the fallback when the database is busy', async () => {
    const { calls, fallback } = recordingFallback();
    const hot = sqliteHotPath(file, fallback);
    const other = new BetterSqlite3(file);
    try {
      const start = hot.epoch()!;
      writeElsewhere(other, 'other.busy');
      other.prepare('BEGIN IMMEDIATE').run();
      await expect(hot.batch([audit('hot.busy-stale', new Date())], start)).rejects.toBeInstanceOf(EpochMovedError);
      expect(calls).toEqual([]);
      await hot.batch([audit('hot.busy-current', new Date())], hot.epoch());
      expect(calls).toEqual(['batch']); // at the current epoch it is handed over as before
    } finally {
      if (other.inTransaction) other.prepare('ROLLBACK').run();
      other.close();
      hot.close();
    }
  });

  it('stores dates and values so that Prisma reads them back unchanged', async () => {
    const hot = sqliteHotPath(file, recordingFallback().fallback);
    const at = new Date('2025-03-01T09:30:15.123Z');
    try {
      await hot.batch([audit('hot.date', at)]);
      const row = await d.db.auditLog.findFirstOrThrow({ where: { action: 'hot.date' } });
      expect(row.createdAt.toISOString()).toBe(at.toISOString());
      expect(row.detail).toBe('{"ok":true}');
      // the same text Prisma's adapter writes for a date
      await d.db.auditLog.create({ data: { userId, action: 'prisma.date', detail: 'null', createdAt: at } });
      const reader = new BetterSqlite3(file, { readonly: true });
      const stored = reader.prepare(`SELECT "action", "createdAt" FROM "AuditLog" WHERE "action" IN ('hot.date', 'prisma.date') ORDER BY "action"`).all();
      reader.close();
      expect(stored).toEqual([
        { action: 'hot.date', createdAt: '2025-03-01T09:30:15.123+00:00' },
        { action: 'prisma.date', createdAt: '2025-03-01T09:30:15.123+00:00' },
      ]);
    } finally {
      hot.close();
    }
  });

  it('a failing statement rolls the whole batch back', async () => {
    const hot = sqliteHotPath(file, recordingFallback().fallback);
    try {
      const bad = Prisma.sql`INSERT INTO "AuditLog" ("unitId", "userId", "action", "detail", "createdAt") VALUES (NULL, ${userId}, NULL, 'x', ${new Date()})`;
      await expect(hot.batch([audit('hot.rolled-back', new Date()), bad])).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
      expect(await d.db.auditLog.count({ where: { action: 'hot.rolled-back' } })).toBe(0);
      // and the connection is usable afterwards (no transaction left open)
      await hot.batch([audit('hot.after', new Date())]);
      expect(await d.db.auditLog.count({ where: { action: 'hot.after' } })).toBe(1);
    } finally {
      hot.close();
    }
  });

  it('never waits for a lock: while another connection writes, commits go to the fallback and reads go on', async () => {
    const { calls, fallback } = recordingFallback();
    const hot = sqliteHotPath(file, fallback);
    const other = new BetterSqlite3(file);
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      await hot.batch([audit('hot.while-locked', new Date())]);
      expect(calls).toEqual(['batch']);
      // WAL: reading does not need the write lock
      expect((await hot.reportRow(reportId))?.id).toBe(reportId);
      expect((await hot.sessionRows('wecom:hot', 'wecom')).length).toBeGreaterThan(0);
      expect(calls).toEqual(['batch']);
      other.prepare('COMMIT').run();
      expect(await d.db.auditLog.count({ where: { action: 'hot.while-locked' } })).toBe(0); // handed over, not written twice
      await hot.batch([audit('hot.unlocked', new Date())]);
      expect(calls).toEqual(['batch']);
      expect(await d.db.auditLog.count({ where: { action: 'hot.unlocked' } })).toBe(1);
    } finally {
      if (other.inTransaction) other.prepare('ROLLBACK').run();
      other.close();
      hot.close();
    }
  });

  it('is what a SQLite database opens with', () => {
    expect(d.hot.via).toBe('driver');
  });
});
