import BetterSqlite3 from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { Prisma } from './generated/sqlite/client.js';
import { budgetSql, EpochMovedError, reportSql, sessionSql, toBudgetRow, toReportRow, type HotPath, type SessionRow } from './hot-path.js';

/** Prepared statements kept per connection (multi-row inserts make one text per row count). */
const STATEMENT_CACHE = 256;

/**
 * The turn's hot path on SQLite, on its own better-sqlite3 connection: statements are prepared
 * once and run synchronously (Prisma's adapter re-prepares every statement and adds ~0.1–0.3 ms
 * of query pipeline per call; a turn used eight).
 *
 * The connection never waits for a lock: a synchronous wait would block the event loop, and the
 * lock holder may be a Prisma interactive transaction that needs the event loop to finish. So its
 * busy timeout is 0, and whatever finds the database busy (another writer in a transaction, or
 * another process) is handed to `fallback` (the Prisma path), which waits its turn as before.
 * In WAL mode readers are not blocked by writers, so that is rare for reads.
 */
export function sqliteHotPath(file: string, fallback: HotPath, opts: { autocheckpointPages?: number } = {}): HotPath {
  const conn = new BetterSqlite3(file, { timeout: 0 });
  conn.pragma('journal_mode = WAL');
  conn.pragma('foreign_keys = ON');
  // same durability as the Prisma connection: a committed turn survives kill -9 (see db.ts)
  conn.pragma('synchronous = NORMAL');
  // raised when a worker checkpoints the WAL (see sqlite-checkpointer.ts)
  if (opts.autocheckpointPages !== undefined) conn.pragma(`wal_autocheckpoint = ${opts.autocheckpointPages}`);

  const statements = new LRUCache<string, BetterSqlite3.Statement>({ max: STATEMENT_CACHE });
  const prepared = (sql: string): BetterSqlite3.Statement => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = conn.prepare(sql)));
    return s;
  };
  const all = <T>(q: Prisma.Sql): T[] => prepared(q.sql).all(...q.values.map(bind)) as T[];
  // changes whenever another connection (Prisma's, another process's) has committed since this
  // connection last read; this connection's own commits keep it
  const dataVersion = conn.prepare('PRAGMA data_version').pluck();
  /** data_version as of this connection's last read of it. */
  let known: number | undefined;
  const readEpoch = (): number | undefined => {
    try {
      return (known = dataVersion.get() as number);
    } catch {
      return undefined; // busy (recovering the log): no epoch, so nothing is served from a cache
    }
  };
  const inTransaction = conn.transaction((batch: Prisma.Sql[], epoch: number | undefined) => {
    // Inside the transaction, so it sees every commit before this one: checked here it costs no
    // read transaction of its own (a turn used to read it first, ~25 µs after an idle gap).
    if (epoch !== undefined && (known = dataVersion.get() as number) !== epoch) throw new EpochMovedError();
    for (const q of batch) prepared(q.sql).run(...q.values.map(bind));
  });

  return {
    via: 'driver',
    sessionRows: (externalId, channel) => orBusy(() => all<SessionRow>(sessionSql(externalId, channel)), () => fallback.sessionRows(externalId, channel)),
    reportRow: (reportId) =>
      orBusy(() => {
        const row = all<Record<string, unknown>>(reportSql(reportId))[0];
        return row ? toReportRow(row) : undefined;
      }, () => fallback.reportRow(reportId)),
    budgetRow: (userExternalId) =>
      orBusy(() => {
        const row = all<Record<string, unknown>>(budgetSql(userExternalId))[0];
        return row ? toBudgetRow(row) : undefined;
      }, () => fallback.budgetRow(userExternalId)),
    async batch(batch, epoch) {
      try {
        // BEGIN IMMEDIATE: take the write lock first, so a busy database fails before any write
        inTransaction.immediate(batch, epoch);
      } catch (e) {
        if (!isBusy(e)) throw e;
        // the fallback cannot check inside its transaction: check now (undefined when busy)
        if (epoch !== undefined && readEpoch() !== epoch) throw new EpochMovedError();
        return fallback.batch(batch);
      }
    },
    epoch: readEpoch,
    knownEpoch: () => known ?? readEpoch(),
    close: () => void conn.close(),
  };
}

/** A read on the driver; when the database is busy, the same read through `fallback`. */
async function orBusy<T>(read: () => T, fallback: () => Promise<T>): Promise<T> {
  try {
    return read();
  } catch (e) {
    if (isBusy(e)) return fallback();
    throw e;
  }
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Values as Prisma's SQLite adapter stores them (dates as ISO 8601 with +00:00, booleans 0/1). */
function bind(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace('Z', '+00:00');
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
