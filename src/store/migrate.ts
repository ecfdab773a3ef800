import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import type { Provider } from './db.js';

/**
 * Applies the committed SQL migrations (prisma/<provider>/migrations/<name>/migration.sql)
 * without the Prisma CLI, whose schema engine cannot be downloaded on these machines.
 *
 * It keeps Prisma's own bookkeeping so that `prisma migrate deploy` on a machine with internet
 * accepts the history: the `_prisma_migrations` table with Prisma's columns, one row per
 * migration, and Prisma's checksum (SHA-256 hex of the script with CRLF normalised to LF).
 * A migration edited after it was applied stops start-up, as `migrate deploy` would.
 */

const PRISMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../prisma');
/** The advisory lock key `prisma migrate` itself takes on PostgreSQL, so the two exclude each other. */
const PG_ADVISORY_LOCK = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/** Prisma accepts the checksum of the script as is or with normalised line endings. */
function matches(sql: string, checksum: string): boolean {
  return checksum === checksumOf(sql) || checksum === createHash('sha256').update(sql).digest('hex');
}

export function readMigrations(provider: Provider, dir = join(PRISMA_DIR, provider, 'migrations')): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** Which local migrations are still to apply; refuses a history that was tampered with. */
function pending(local: Migration[], rows: AppliedRow[]): Migration[] {
  const live = rows.filter((r) => r.rolled_back_at === null);
  for (const r of live) {
    const m = local.find((x) => x.name === r.migration_name);
    if (!m) throw new AppError('DB_MIGRATION_UNKNOWN', zh.store.migrationUnknown(r.migration_name));
    if (r.finished_at === null) throw new AppError('DB_MIGRATION_FAILED', zh.store.migrationFailed(r.migration_name));
    if (!matches(m.sql, r.checksum)) throw new AppError('DB_MIGRATION_MODIFIED', zh.store.migrationModified(r.migration_name));
  }
  const done = new Set(live.map((r) => r.migration_name));
  return local.filter((m) => !done.has(m.name));
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const SELECT_ROWS = 'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at';

function migrateSqlite(file: string, local: Migration[]): string[] {
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.exec(SQLITE_TABLE);
    // IMMEDIATE takes the write lock now, so two starting instances apply migrations one at a time.
    db.exec('BEGIN IMMEDIATE');
    try {
      const todo = pending(local, db.prepare(SELECT_ROWS).all() as AppliedRow[]);
      const insert = db.prepare(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
      );
      for (const m of todo) {
        const started = new Date().toISOString();
        db.exec(m.sql);
        insert.run(randomUUID(), m.checksum, new Date().toISOString(), m.name, started);
      }
      db.exec('COMMIT');
      return todo.map((m) => m.name);
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, local: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    const where = url.replace(/\/\/[^@/]*@/, '//***@');
    throw new AppError('DB_UNREACHABLE', zh.store.unreachable(where, (e as Error).message || String(e)));
  }
  try {
    await client.query(`SELECT pg_advisory_lock(${PG_ADVISORY_LOCK})`);
    await client.query(PG_TABLE);
    const todo = pending(local, (await client.query(SELECT_ROWS)).rows as AppliedRow[]);
    for (const m of todo) {
      await client.query('BEGIN');
      try {
        const id = randomUUID();
        await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, applied_steps_count) VALUES ($1, $2, $3, 0)', [id, m.checksum, m.name]);
        await client.query(m.sql);
        await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${PG_ADVISORY_LOCK})`).catch(() => undefined);
    await client.end();
  }
}

export type MigrationTarget = { provider: 'sqlite'; file: string; dir?: string } | { provider: 'postgres'; url: string; dir?: string };

/** Apply every pending migration; returns the names applied (empty when up to date). */
export async function applyMigrations(target: MigrationTarget): Promise<string[]> {
  const local = readMigrations(target.provider, target.dir);
  return target.provider === 'sqlite' ? migrateSqlite(target.file, local) : migratePostgres(target.url, local);
}
