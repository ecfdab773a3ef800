import type { Db } from './db.js';
import { Prisma } from './generated/sqlite/client.js';
import type { ReportRef } from './reports.js';

/*
 * The database operations of every chat turn: read the person's session, read the report's
 * version, read the person's WeCom send budget, commit the turn's statements in one
 * transaction. Everything else goes through the Prisma client. On SQLite these are Prisma raw
 * queries (`prismaHotPath`, below); on PostgreSQL they run on the `pg` driver (`pg-hot-path.ts`,
 * one round trip per commit). Both run the same SQL text, so they cannot disagree about what is
 * read or written.
 */

export interface SessionRow {
  userId: string;
  userName: string | null;
  state: string | null;
  unitId: string | null;
  unitName: string | null;
  unitRank: string | null;
  ruleSetId: string | null;
  role: string | null;
}

export interface HotPath {
  /** How it reaches the database: the driver's own connection, or Prisma raw queries. */
  readonly via: 'driver' | 'prisma';
  /** User, conversation state on `channel` and memberships (oldest first): one row per membership. */
  sessionRows(externalId: string, channel: string): Promise<SessionRow[]>;
  reportRow(reportId: string): Promise<ReportRef | undefined>;
  /** The person's proactive-send count (store/send-budget.ts), read before each card or push. */
  budgetRow(userExternalId: string): Promise<BudgetRow | undefined>;
  /**
   * Run `statements` in one transaction; any failure rolls all of them back and rejects. The
   * statements must not control the transaction themselves (no BEGIN, COMMIT, SAVEPOINT).
   */
  batch(statements: Prisma.Sql[]): Promise<void>;
  close(): void | Promise<void>;
}

export interface BudgetRow {
  day: string;
  sent: number;
  lastInboundAt: Date | null;
}

export const sessionSql = (externalId: string, channel: string) => Prisma.sql`
  SELECT u."id" AS "userId", u."name" AS "userName", c."state" AS "state",
         m."unitId" AS "unitId", n."name" AS "unitName", n."rank" AS "unitRank", n."ruleSetId" AS "ruleSetId", m."role" AS "role"
  FROM "User" u
  LEFT JOIN "ConversationState" c ON c."userId" = u."id" AND c."channel" = ${channel}
  LEFT JOIN "Membership" m ON m."userId" = u."id"
  LEFT JOIN "Unit" n ON n."id" = m."unitId"
  WHERE u."externalId" = ${externalId}
  ORDER BY m."createdAt" ASC, m."id" ASC`;

export const reportSql = (reportId: string) =>
  Prisma.sql`SELECT "id", "unitId", "year", "ruleSetId", "ruleSetVersion", "status", "version" FROM "Report" WHERE "id" = ${reportId}`;

// the date as text: SQLite holds ISO 8601 text, PostgreSQL a TIMESTAMP that pg would read in local time
export const budgetSql = (userExternalId: string) =>
  Prisma.sql`SELECT "day", "sent", CAST("lastInboundAt" AS TEXT) AS "lastInboundAt" FROM "SendBudget" WHERE "userExternalId" = ${userExternalId}`;

/** A stored UTC date as text: SQLite's `2025-03-01T09:30:15.123+00:00` or PostgreSQL's `2025-03-01 09:30:15.123`. */
export function utcDateOf(text: string): Date {
  return new Date(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`);
}

export function toBudgetRow(row: Record<string, unknown>): BudgetRow {
  const text = row.lastInboundAt as string | null;
  const at = text === null ? null : utcDateOf(text);
  // a date that cannot be read counts as no message yet: no proactive send (fail closed)
  return { day: row.day as string, sent: Number(row.sent), lastInboundAt: at && !Number.isNaN(at.getTime()) ? at : null };
}

/** Integer columns may come back as bigint (PostgreSQL) or number (SQLite). */
export function toReportRow(row: Record<string, unknown>): ReportRef {
  return {
    id: row.id as string,
    unitId: row.unitId as string,
    year: Number(row.year),
    ruleSetId: row.ruleSetId as string,
    ruleSetVersion: Number(row.ruleSetVersion),
    status: row.status as string,
    version: Number(row.version),
  };
}

/**
 * The hot path through Prisma raw queries: SQLite's. Its own better-sqlite3 connection with a
 * data-version epoch used to be (p50 1.80 vs 3.77 ms in process, `npm run bench:ab`), but 200
 * users meet the goal without it (p99 21 ms ≤ 50 ms, docs/performance.md 2026-12-04 第六次).
 */
export function prismaHotPath(db: Db): HotPath {
  return {
    via: 'prisma',
    sessionRows: (externalId, channel) => db.$queryRaw<SessionRow[]>(sessionSql(externalId, channel)),
    reportRow: async (reportId) => {
      const rows = await db.$queryRaw<Record<string, unknown>[]>(reportSql(reportId));
      return rows[0] ? toReportRow(rows[0]) : undefined;
    },
    budgetRow: async (userExternalId) => {
      const rows = await db.$queryRaw<Record<string, unknown>[]>(budgetSql(userExternalId));
      return rows[0] ? toBudgetRow(rows[0]) : undefined;
    },
    batch: async (statements) => {
      await db.$transaction(statements.map((s) => db.$executeRaw(s)));
    },
    close: () => {},
  };
}
