import pg from 'pg';
import type { Prisma } from './generated/sqlite/client.js';
import { budgetSql, reportSql, sessionSql, toBudgetRow, toReportRow, type HotPath, type SessionRow } from './hot-path.js';

/** Connections of the hot path's own pool (Prisma keeps its own pool for everything else). */
const POOL_SIZE = 4;

/**
 * The turn's hot path on PostgreSQL, on its own `pg` pool: the reads are named prepared
 * statements (parsed once per connection), and a turn's statements go to the server as ONE
 * simple-protocol query, which PostgreSQL runs as one implicit transaction: one round trip
 * instead of BEGIN, a parse/bind/execute per statement and COMMIT through Prisma's query
 * pipeline (each round trip is a write system call on both sides and a wake-up of the server
 * process; see docs/performance.md, 2026-12-03 night, for what it buys).
 *
 * The simple protocol takes no parameters, so the values are written into the text as literals
 * by `pg`'s own `escapeLiteral` (standard_conforming_strings is on, as it is by default since
 * PostgreSQL 9.1; checked when a connection opens).
 */
export function pgHotPath(url: string): HotPath {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // a dropped connection of an idle pool must not crash the process; the next query reconnects
  pool.on('error', () => {});
  let conforming: Promise<void> | undefined;
  /** Once: literals below rely on standard_conforming_strings (a backslash is just a backslash). */
  const checkConforming = () =>
    (conforming ??= pool.query<{ standard_conforming_strings: string }>('SHOW standard_conforming_strings').then((r) => {
      if (r.rows[0]?.standard_conforming_strings !== 'on') throw new Error('PostgreSQL standard_conforming_strings must be on');
    }));
  let closed = false;
  return {
    via: 'driver',
    async sessionRows(externalId, channel) {
      const q = sessionSql(externalId, channel);
      return (await pool.query<SessionRow>({ name: 'hot-session', text: q.text, values: q.values })).rows;
    },
    async reportRow(reportId) {
      const q = reportSql(reportId);
      const row = (await pool.query<Record<string, unknown>>({ name: 'hot-report', text: q.text, values: q.values })).rows[0];
      return row ? toReportRow(row) : undefined;
    },
    async budgetRow(userExternalId) {
      const q = budgetSql(userExternalId);
      const row = (await pool.query<Record<string, unknown>>({ name: 'hot-budget', text: q.text, values: q.values })).rows[0];
      return row ? toBudgetRow(row) : undefined;
    },
    async batch(statements) {
      await checkConforming();
      // one string of statements: PostgreSQL runs it as one transaction, all or nothing
      await pool.query(statements.map(inline).join(';\n'));
    },
    // other instances share the server: nothing here can tell that they wrote nothing
    epoch: () => undefined,
    knownEpoch: () => undefined,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** `q` with each $n replaced by its value as a literal (see `literal`). */
export function inline(q: Prisma.Sql): string {
  return q.text.replace(/\$(\d+)/g, (_, n: string) => literal(q.values[Number(n) - 1]));
}

/** A value as a PostgreSQL literal, as Prisma's adapter would have bound it. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return pg.escapeLiteral(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // TIMESTAMP(3) columns hold UTC without a zone, as Prisma writes them
  if (v instanceof Date) return `'${v.toISOString().replace('T', ' ').replace('Z', '')}'`;
  throw new Error(`no literal for a value of type ${typeof v}`);
}
