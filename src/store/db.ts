import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_DATABASE_URL } from '../config.js';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import { PrismaClient as PostgresClient } from './generated/postgres/client.js';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.js';
import { prismaHotPath, type HotPath } from './hot-path.js';
import { pgHotPath } from './pg-hot-path.js';
import { applyMigrations } from './migrate.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, SqliteCheckpointer } from './sqlite-checkpointer.js';
import { serialisedSqlite } from './sqlite-serial.js';

/**
 * One set of models, two generated clients: the provider of a Prisma schema cannot come from an
 * environment variable, so prisma/sqlite and prisma/postgres share prisma/models.prisma and the
 * client is picked here by DATABASE_URL. Their APIs are identical; the code types both as `Db`.
 */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
export type Provider = 'sqlite' | 'postgres';


export interface Database {
  db: Db;
  provider: Provider;
  /** Names of the migrations this start applied (empty when the schema was up to date). */
  applied: string[];
  /**
   * Session read, version read and turn commit of every chat turn (see hot-path.ts): Prisma raw
   * queries on SQLite, the `pg` driver on PostgreSQL.
   */
  hot: HotPath;
  /** SQLite with `backgroundCheckpoints`: the worker that checkpoints the WAL. */
  checkpointer?: SqliteCheckpointer;
  close(): Promise<void>;
}

export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new AppError('DB_URL_INVALID', zh.store.urlInvalid(redactUrl(url)));
}

/**
 * A connection string fit to print: the password of `scheme://user:password@host` (up to the last
 * @, in case the password holds an unescaped one) and any `password=`-like parameter become ***.
 * The scheme, user name and host stay: they help find a typo. Redacting too much is fine.
 */
export function redactUrl(url: string): string {
  let out = url;
  const at = url.lastIndexOf('@');
  if (at >= 0) {
    const start = /^[a-z][a-z0-9+.-]*:(\/\/)?/i.exec(url)?.[0].length ?? 0;
    const userinfo = url.slice(start, at);
    const colon = userinfo.indexOf(':');
    if (colon >= 0) out = `${url.slice(0, start)}${userinfo.slice(0, colon)}:***${url.slice(at)}`;
  }
  return out.replace(/((?:^|[?&;\s])(?:password|passwd|pass|pwd|sslpassword|secret|token|key)\s*=\s*)[^&;\s#]*/gi, '$1***');
}

/** SQLite path of a file: URL, relative to the working directory. */
export function sqlitePath(url: string): string {
  return resolve(url.slice('file:'.length).replace(/^\/\//, ''));
}

/** Milliseconds a SQLite writer waits for another process's lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** SQLite: WAL checkpoints in a worker thread instead of in whichever commit crosses 1000 pages (the server). */
  backgroundCheckpoints?: boolean;
  log?: (msg: string) => void;
}

/** Open the database named by `url`, apply pending migrations, return a ready client. */
export async function openDatabase(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL, opts: OpenOptions = {}): Promise<Database> {
  const provider = providerOf(url);
  if (provider === 'sqlite') {
    const file = sqlitePath(url);
    mkdirSync(dirname(file), { recursive: true });
    const applied = await applyMigrations({ provider, file });
    const db = new SqliteClient({ adapter: serialisedSqlite(new PrismaBetterSqlite3({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS })) });
    // WAL lets readers go on while one writer commits; set per connection.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    // In WAL mode NORMAL syncs at checkpoints, not at every commit: a committed turn survives a
    // process crash (kill -9); only an OS crash or power cut could lose the last commits.
    await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    const checkpointer = opts.backgroundCheckpoints ? new SqliteCheckpointer(file, { ...(opts.log ? { log: opts.log } : {}) }) : undefined;
    if (checkpointer) await db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    const hot = prismaHotPath(db);
    return {
      db,
      provider,
      applied,
      hot,
      ...(checkpointer ? { checkpointer } : {}),
      close: async () => {
        await checkpointer?.close();
        await hot.close();
        await db.$disconnect();
      },
    };
  }
  const applied = await applyMigrations({ provider, url });
  const db = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  const hot = pgHotPath(url);
  return {
    db,
    provider,
    applied,
    hot,
    close: async () => {
      await hot.close();
      await db.$disconnect();
    },
  };
}
