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
