import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { openDatabase, providerOf } from '../../src/store/db.js';
import { applyMigrations, checksumOf, readMigrations } from '../../src/store/migrate.js';
import { testDatabases } from '../helpers/databases.js';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  throw new Error('no error');
};

describe('DATABASE_URL', () => {
  it('file: is SQLite, postgresql:// is PostgreSQL, anything else stops start-up with one clear line', async () => {
    expect(providerOf('file:./data/x.db')).toBe('sqlite');
    expect(providerOf('postgresql://u@h/db')).toBe('postgres');
    expect(providerOf('postgres://u@h/db')).toBe('postgres');
    expect(await codeOf(openDatabase('mysql://root@localhost/x'))).toBe('DB_URL_INVALID');
    await expect(openDatabase('mysql://root@localhost/x')).rejects.toThrow(/DATABASE_URL「mysql:\/\/root@localhost\/x」无法识别：请写成 file:/);
  });

  it('an unreachable PostgreSQL says so and hides the password', async () => {
    const p = openDatabase('postgresql://jx:secret@127.0.0.1:1/none');
    expect(await codeOf(p)).toBe('DB_UNREACHABLE');
    await expect(openDatabase('postgresql://jx:secret@127.0.0.1:1/none')).rejects.toThrow(/^无法连接 PostgreSQL（postgresql:\/\/\*\*\*@127\.0\.0\.1:1\/none）/);
  });
});

describe('committed migrations', () => {
  it('exist for both providers with the same names, and checksums are Prisma’s', () => {
    const s = readMigrations('sqlite');
    const p = readMigrations('postgres');
    expect(s.map((m) => m.name)).toEqual(p.map((m) => m.name));
    for (const m of s) expect(m.checksum).toBe(createHash('sha256').update(m.sql).digest('hex'));
    expect(checksumOf('a\r\nb')).toBe(checksumOf('a\nb'));
  });
});

for (const t of testDatabases()) {
  describe(`migrations on ${t.name}`, () => {
    afterAll(() => t.cleanup());

    it('the first open applies every migration and records it as Prisma does; the second applies nothing', async () => {
      const first = await t.open();
      expect(first.applied).toEqual(readMigrations(t.name).map((m) => m.name));
      const rows = await first.db.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: unknown }[]>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"',
      );
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(readMigrations(t.name).map((m) => [m.name, m.checksum]));
      expect(rows.every((r) => r.finished_at !== null && Number(r.applied_steps_count) === 1)).toBe(true);
      await first.close();
      const second = await t.open();
      expect(second.applied).toEqual([]);
      await second.close();
    });
  });
}

describe('a migration changed after it was applied', () => {
  it('stops start-up (checksum mismatch); an unknown applied migration too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jx-mig-'));
    const migrations = join(dir, 'migrations');
    cpSync(new URL('../../prisma/sqlite/migrations', import.meta.url).pathname, migrations, { recursive: true });
    const file = join(dir, 'db.sqlite');
    expect(await applyMigrations({ provider: 'sqlite', file, dir: migrations })).toHaveLength(readMigrations('sqlite', migrations).length);
    const sqlFile = join(migrations, readMigrations('sqlite', migrations)[0]!.name, 'migration.sql');
    const original = readFileSync(sqlFile, 'utf8');
    appendFileSync(sqlFile, '\n-- edited later\n');
    const err = await applyMigrations({ provider: 'sqlite', file, dir: migrations }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DB_MIGRATION_MODIFIED');
    expect((err as AppError).message).toContain('在应用后被修改（校验和不一致）');
    // CRLF line endings alone are not a modification (git on Windows)
    writeFileSync(sqlFile, original.replace(/\n/g, '\r\n'));
    expect(await applyMigrations({ provider: 'sqlite', file, dir: migrations })).toEqual([]);
    // A migration the database has but this program does not
    const raw = new Database(file);
    raw.prepare('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, 1)').run('x', 'y', '29990101000000_future', new Date().toISOString());
    raw.close();
    expect(await codeOf(applyMigrations({ provider: 'sqlite', file, dir: migrations }))).toBe('DB_MIGRATION_UNKNOWN');
  });
});

describe('a database created by an earlier release', () => {
  it('gets the later migrations, and only those, on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jx-mig-'));
    const all = new URL('../../prisma/sqlite/migrations', import.meta.url).pathname;
    const names = readMigrations('sqlite', all).map((m) => m.name);
    expect(names.length).toBeGreaterThan(1);
    const migrations = join(dir, 'migrations');
    cpSync(join(all, names[0]!), join(migrations, names[0]!), { recursive: true });
    const file = join(dir, 'db.sqlite');
    expect(await applyMigrations({ provider: 'sqlite', file, dir: migrations })).toEqual([names[0]]);
    cpSync(all, migrations, { recursive: true });
    expect(await applyMigrations({ provider: 'sqlite', file, dir: migrations })).toEqual(names.slice(1));
    const raw = new Database(file, { readonly: true });
    const indexes = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Membership'`).all() as { name: string }[];
    raw.close();
    expect(indexes.map((i) => i.name)).toContain('Membership_userId_idx');
  });
});

describe('the lean per-turn tables (SQLite, 20261129000000_lean_turn_tables)', () => {
  it('keep every row of a database made before it, in fewer b-trees', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jx-mig-'));
    const all = new URL('../../prisma/sqlite/migrations', import.meta.url).pathname;
    const names = readMigrations('sqlite', all).map((m) => m.name);
    const lean = names.indexOf('20261129000000_lean_turn_tables');
    expect(lean).toBeGreaterThan(0);
    const migrations = join(dir, 'migrations');
    for (const n of names.slice(0, lean)) cpSync(join(all, n), join(migrations, n), { recursive: true });
    const file = join(dir, 'db.sqlite');
    await applyMigrations({ provider: 'sqlite', file, dir: migrations });

    const before = new Database(file);
    before.exec(`
      INSERT INTO "Unit" ("id", "name", "rank", "ruleSetId", "createdAt") VALUES ('u1', '甲单位', '正科级', 'yueyang-reference', '2025-01-01T00:00:00.000+00:00');
      INSERT INTO "Report" ("id", "unitId", "year", "ruleSetId", "ruleSetVersion", "updatedAt") VALUES ('r1', 'u1', 2024, 'yueyang-reference', 1, '2025-01-01T00:00:00.000+00:00');
      INSERT INTO "Answer" ("id", "reportId", "fieldKey", "itemId", "value", "version", "updatedById") VALUES ('a1', 'r1', 'staff.actual', '', '9', 3, 'p1'), ('a2', 'r1', 'sp.name', 'i1', '"项目"', 4, 'p1');
      INSERT INTO "AnswerHistory" ("reportId", "fieldKey", "newValue", "reportVersion", "userId") VALUES ('r1', 'staff.actual', '8', 2, 'p1'), ('r1', 'staff.actual', '9', 3, 'p1');
      INSERT INTO "AuditLog" ("unitId", "userId", "action", "detail") VALUES ('u1', 'p1', 'answers.save', '{}');
      INSERT INTO "ProcessedMessage" ("channel", "messageId") VALUES ('wecom-bot', 'm1');`);
    before.close();

    cpSync(all, migrations, { recursive: true });
    expect(await applyMigrations({ provider: 'sqlite', file, dir: migrations })).toEqual(names.slice(lean));
    const db = new Database(file);
    expect(db.prepare('SELECT "fieldKey", "itemId", "value", "version" FROM "Answer" ORDER BY "fieldKey"').all()).toEqual([
      { fieldKey: 'sp.name', itemId: 'i1', value: '"项目"', version: 4 },
      { fieldKey: 'staff.actual', itemId: '', value: '9', version: 3 },
    ]);
    expect(db.prepare('SELECT "id", "newValue" FROM "AnswerHistory" ORDER BY "id"').all()).toEqual([
      { id: 1, newValue: '8' },
      { id: 2, newValue: '9' },
    ]);
    expect(db.prepare('SELECT "id", "action" FROM "AuditLog"').all()).toEqual([{ id: 1, action: 'answers.save' }]);
    expect(db.prepare('SELECT "messageId" FROM "ProcessedMessage"').all()).toEqual([{ messageId: 'm1' }]);
    // new rows go on after the old ones; a second answer to the same field is refused by the key
    db.prepare(`INSERT INTO "AnswerHistory" ("reportId", "fieldKey", "reportVersion", "userId") VALUES ('r1', 'x', 5, 'p1')`).run();
    expect(db.prepare('SELECT MAX("id") AS id FROM "AnswerHistory"').get()).toEqual({ id: 3 });
    expect(() => db.prepare(`INSERT INTO "Answer" ("reportId", "fieldKey", "itemId", "value", "version", "updatedById") VALUES ('r1', 'staff.actual', '', '1', 5, 'p1')`).run()).toThrow(/UNIQUE|PRIMARY KEY/);
    // the shape: Answer and ProcessedMessage without rowid, no AUTOINCREMENT, the indexes kept
    const sql = (name: string) => (db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(name) as { sql: string }).sql;
    expect(sql('Answer')).toMatch(/WITHOUT ROWID$/);
    expect(sql('ProcessedMessage')).toMatch(/WITHOUT ROWID$/);
    expect(sql('AnswerHistory')).not.toMatch(/AUTOINCREMENT/);
    expect(sql('AuditLog')).not.toMatch(/AUTOINCREMENT/);
    const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as { name: string }[]).map((i) => i.name);
    expect(indexes).toEqual(expect.arrayContaining(['AnswerHistory_reportId_fieldKey_itemId_idx', 'AuditLog_unitId_createdAt_idx']));
    expect(indexes.some((n) => n.startsWith('Answer_'))).toBe(false);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    db.close();
  });
});
