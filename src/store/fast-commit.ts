import type { ReportModel } from '../report/model.js';
import { encodeValue } from './codec.js';
import type { Database } from './db.js';
import { Prisma } from './generated/sqlite/client.js';
import { locateItem } from './patch.js';
import { commitTurn, type TurnInput } from './reports.js';
import { answerChanges, answerStatements, turnStatements } from './turn-sql.js';

/** What the caller read the report as: the model at `expectedVersion` and its unit. */
export interface KnownReport {
  model: ReportModel;
  unitId: string;
}

/**
 * Commit a turn of answers as ONE batch of statements instead of an interactive transaction
 * (Prisma's interactive transactions cost ~2× per statement): the caller's model at
 * `expectedVersion` supplies the previous values, and the batch's first statement both claims
 * the message id and checks that the report is still at that version (PostgreSQL: and locks its
 * row) — a NULL from the check violates NOT NULL and the whole batch rolls back.
 *
 * Whenever that cannot be used (no message id, items added or deleted, a write to an item the
 * caller does not know) or the batch fails for any reason (someone else changed the report, a
 * repeated delivery, a busy database), the turn goes through `commitTurn`, whose checks decide:
 * same outcome, same rows, only slower.
 */
export async function commitAnswers(
  database: Database,
  input: TurnInput,
  known: KnownReport | undefined,
): Promise<{ version: number | null; path: 'batch' | 'checked' }> {
  const { patch, reportId, expectedVersion, userId } = input;
  const writes = patch.answers ?? [];
  const usable =
    known &&
    reportId &&
    expectedVersion !== undefined &&
    patch.inbound &&
    writes.length > 0 &&
    !patch.addItems?.length &&
    !patch.deleteItems?.length &&
    writes.every((w) => !w.itemId || locateItem(known.model, w.itemId));
  const checked = async () => ({ ...(await commitTurn(database.db, input)), path: 'checked' as const });
  if (!usable) return checked();

  const stored = (fieldKey: string, itemId: string): string | null => {
    const scope = itemId ? locateItem(known.model, itemId)!.values : known.model.values;
    const v = scope[fieldKey];
    return v === undefined ? null : encodeValue(v);
  };
  const now = new Date();
  const version = expectedVersion + 1;
  const lock = database.provider === 'postgres' ? Prisma.sql`FOR UPDATE` : Prisma.empty;
  const { channel, messageId } = patch.inbound!;
  const statements = [
    Prisma.sql`INSERT INTO "ProcessedMessage" ("channel", "messageId", "createdAt")
      VALUES (${channel}, (SELECT CAST(${messageId} AS TEXT) FROM "Report" WHERE "id" = ${reportId} AND "version" = ${expectedVersion} ${lock}), ${now})`,
    Prisma.sql`UPDATE "Report" SET "version" = "version" + 1, "updatedAt" = ${now} WHERE "id" = ${reportId}`,
    ...answerStatements(reportId, version, userId, now, answerChanges(writes, stored)),
    ...turnStatements(userId, known.unitId, now, patch),
  ];
  try {
    await database.hot.batch(statements);
    return { version, path: 'batch' };
  } catch {
    return checked();
  }
}
