import type { Db } from './db.js';
import { Prisma } from './generated/sqlite/client.js';

/**
 * The step history (StepHistory): the questions a person left in the conversation, per channel and
 * report, for 上一步 (src/dialogs/back.ts). Appended with the turn (turn-sql.ts turnStatements),
 * read only for a 上一步.
 */

/** The last `limit` steps before row `before` (all when undefined), oldest first. */
export async function loadSteps(db: Db, q: { userId: string; channel: string; reportId: string; before?: number; limit: number }): Promise<{ id: number; ref: string }[]> {
  const before = q.before === undefined ? Prisma.empty : Prisma.sql`AND "id" < ${q.before}`;
  const rows = await db.$queryRaw<{ id: number | bigint; ref: string }[]>(
    Prisma.sql`SELECT "id", "ref" FROM "StepHistory" WHERE "userId" = ${q.userId} AND "channel" = ${q.channel} AND "reportId" = ${q.reportId} ${before} ORDER BY "id" DESC LIMIT ${q.limit}`,
  );
  return rows.map((r) => ({ id: Number(r.id), ref: r.ref })).reverse();
}
