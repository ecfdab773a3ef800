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
 * (`literal`; strings by `pg`'s own `escapeLiteral`, which writes E'…' with doubled backslashes
 * whenever there is a backslash, so it is right whatever standard_conforming_strings is).
 * Dates are read in ISO form (`withIsoDates`). Named prepared statements need a session-pooled
 * connection: behind PgBouncer use session mode.
 */
export function pgHotPath(url: string): HotPath {
  const pool = new pg.Pool({ connectionString: withIsoDates(url), max: POOL_SIZE });
  // a dropped connection of an idle pool must not crash the process; the next query reconnects
  pool.on('error', () => {});
  /** The first row of `q`, prepared once per connection under `name` (one name, one text). */
  const firstRow = async (name: string, q: Prisma.Sql) =>
    (await pool.query<Record<string, unknown>>({ name, text: q.text, values: q.values })).rows[0];
  let closed = false;
  return {
    via: 'driver',
    async sessionRows(externalId, channel) {
      const q = sessionSql(externalId, channel);
      return (await pool.query<SessionRow>({ name: 'hot-session', text: q.text, values: q.values })).rows;
    },
    reportRow: async (reportId) => {
      const row = await firstRow('hot-report', reportSql(reportId));
      return row ? toReportRow(row) : undefined;
    },
    budgetRow: async (userExternalId) => {
      const row = await firstRow('hot-budget', budgetSql(userExternalId));
      return row ? toBudgetRow(row) : undefined;
    },
    async batch(statements) {
      // one string of statements: PostgreSQL runs it as one transaction, all or nothing
      await pool.query(statements.map(inline).join('\n;\n')); // a trailing -- comment ends at its line
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * `url` with `-c DateStyle=ISO` added to its startup options (after any given there, so it wins):
 * dates read as text (budgetSql) are then in ISO form whatever the database's or role's DateStyle.
 * A startup option, not a SET on connect: that would run while the pool hands the client out.
 */
export function withIsoDates(url: string): string {
  const u = new URL(url);
  const given = u.searchParams.get('options');
  u.searchParams.set('options', given ? `${given} -c DateStyle=ISO` : '-c DateStyle=ISO');
  return u.toString();
}

/** `q` with each $n replaced by its value as a literal (see `literal`). */
export function inline(q: Prisma.Sql): string {
  return q.text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= q.values.length) throw new Error(`no value for $${n}`);
    return literal(q.values[i]);
  });
}

/** A value as a PostgreSQL literal, as Prisma's adapter would have bound it. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return pg.escapeLiteral(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    // in parentheses when negative: after a minus in the text, -1 would start a -- comment
    return v < 0 ? `(${v})` : String(v);
  }
  if (typeof v === 'bigint') return v < 0n ? `(${v})` : v.toString();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // TIMESTAMP(3) columns hold UTC without a zone, as Prisma writes them
  if (v instanceof Date) return `'${v.toISOString().replace('T', ' ').replace('Z', '')}'`;
  throw new Error(`no literal for a value of type ${typeof v}`);
}
