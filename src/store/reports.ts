import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import type { GroupId } from '../report/fields.js';
import { labelOf, type GroupItem, type ReportModel } from '../report/model.js';
import { decodeValue } from './codec.js';
import type { Db, Tx } from './db.js';
import { isUniqueViolation } from './db-errors.js';
import { Prisma } from './generated/sqlite/client.js';
import { changesReport, type TurnPatch } from './patch.js';
import { retryOnStaleSnapshot } from './retry.js';
import { answerChanges, answerKey, answerStatements, itemAddStatements, turnStatements } from './turn-sql.js';

export interface ReportRef {
  id: string;
  unitId: string;
  year: number;
  ruleSetId: string;
  ruleSetVersion: number;
  status: string;
  version: number;
}

/**
 * The unit's report of `year`, created if there is none (pinned to the given rule set). A create that meets the unique key (a
 * colleague opened the same year at the same moment) reads theirs; not Prisma's upsert, which is a
 * transaction of three statements on PostgreSQL. `created`: this call made it, so it was empty then.
 */
export async function openReport(db: Db, unitId: string, year: number, ruleSet: { id: string; version: number }): Promise<ReportRef & { created: boolean }> {
  return db.report.create({ data: { unitId, year, ruleSetId: ruleSet.id, ruleSetVersion: ruleSet.version } }).then(
    (report) => ({ ...report, created: true }),
    async (e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
      return { ...(await db.report.findUnique({ where: { unitId_year: { unitId, year } } }))!, created: false };
    },
  );
}

/** The unit's report of `year` and the latest one before it, in one query. */
export async function reportsUpTo(db: Db, unitId: string, year: number): Promise<{ existing: ReportRef | undefined; before: ReportRef | undefined }> {
  const rows = await db.report.findMany({ where: { unitId, year: { lte: year } }, orderBy: { year: 'desc' }, take: 2 });
  const existing = rows[0]?.year === year ? rows[0] : undefined;
  return { existing, before: rows.find((r) => r.year < year) };
}

export async function getReport(db: Db | Tx, reportId: string): Promise<ReportRef> {
  const r = await db.report.findUnique({ where: { id: reportId } });
  if (!r) throw new AppError('NOT_FOUND', zh.store.reportNotFound);
  return r;
}

/** The report as the scoring engine and the exporter see it, with the version it was read at. */
export async function loadReportModel(db: Db | Tx, reportId: string): Promise<{ model: ReportModel; report: ReportRef }> {
  // The answers and items are read between two reads of the version: every change to them moves
  // it, so a commit in between (a colleague's) is seen, and all is read again. Otherwise the model
  // would carry the newer contents under the older version, and the model cache would apply that
  // commit to it a second time (an added item twice).
  for (let attempt = 1; ; attempt++) {
    const report = await getReport(db, reportId);
    const [answers, rows] = await Promise.all([
      db.answer.findMany({ where: { reportId } }),
      db.groupItem.findMany({ where: { reportId, deletedAt: null }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] }),
    ]);
    const after = await db.report.findUnique({ where: { id: reportId }, select: { version: true } });
    if (after?.version === report.version) return modelOf(report, answers, rows);
    if (attempt >= MODEL_READ_ATTEMPTS) throw new Error(`report ${reportId} changed during each of ${attempt} reads`);
  }
}

const MODEL_READ_ATTEMPTS = 5;

function modelOf(
  report: ReportRef,
  answers: { fieldKey: string; itemId: string; value: string }[],
  rows: { id: string; group: string; parentId: string | null }[],
): { model: ReportModel; report: ReportRef } {
  const byId = new Map<string, GroupItem & { group: GroupId; parentId: string | null }>();
  for (const r of rows) byId.set(r.id, { id: r.id, values: {}, children: {}, group: r.group as GroupId, parentId: r.parentId });
  const model: ReportModel = { ruleSetId: report.ruleSetId, values: {}, groups: {} };
  for (const a of answers) {
    if (a.itemId === '') model.values[a.fieldKey] = decodeValue(a.value);
    else {
      const item = byId.get(a.itemId);
      if (item) item.values[a.fieldKey] = decodeValue(a.value); // answers of deleted items are ignored
    }
  }
  for (const r of rows) {
    const item = byId.get(r.id)!;
    const plain: GroupItem = { id: item.id, values: item.values, children: item.children };
    if (r.parentId) {
      const parent = byId.get(r.parentId);
      if (!parent) continue; // child of a deleted item
      (parent.children[item.group] ??= []).push(plain);
    } else (model.groups[item.group] ??= []).push(plain);
  }
  return { model, report };
}

export interface TurnInput {
  userId: string;
  reportId?: string;
  /** The report version the user's view was built from; writes to fields changed since are refused. */
  expectedVersion?: number;
  patch: TurnPatch;
}

export class DuplicateMessageError extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} was already processed`);
  }
}

/** Claim an inbound message id; false when it was already processed (WeCom retries). */
async function claimMessage(tx: Tx, channel: string, messageId: string): Promise<boolean> {
  const n = await tx.$executeRaw`INSERT INTO "ProcessedMessage" ("channel", "messageId", "createdAt") VALUES (${channel}, ${messageId}, ${new Date()}) ON CONFLICT DO NOTHING`;
  return n === 1;
}

export async function isProcessed(db: Db, channel: string, messageId: string): Promise<boolean> {
  return (await db.processedMessage.findUnique({ where: { channel_messageId: { channel, messageId } } })) !== null;
}

/*
 * The turn's writes are raw SQL (see turn-sql.ts). The rare path (deleting items) stays on the
 * model API.
 */
async function applyReportChanges(tx: Tx, input: TurnInput & { reportId: string }): Promise<{ version: number; unitId: string }> {
  const { reportId, patch, userId } = input;
  const now = new Date();
  // Bumping the version first takes the report's row lock (PostgreSQL) or the write lock
  // (SQLite), so concurrent turns on one report are serialised here.
  const bumped = await tx.$queryRaw<{ version: number | bigint; unitId: string }[]>(
    Prisma.sql`UPDATE "Report" SET "version" = "version" + 1, "updatedAt" = ${now} WHERE "id" = ${reportId} RETURNING "version", "unitId"`,
  );
  if (!bumped[0]) throw new AppError('NOT_FOUND', zh.store.reportNotFound);
  const version = Number(bumped[0].version);
  const writes = patch.answers ?? [];

  // Current value and version of every field written (one query; the item filter is done here).
  const current = new Map<string, { value: string; version: number }>();
  if (writes.length) {
    const keys = [...new Set(writes.map((w) => w.fieldKey))];
    const rows = await tx.$queryRaw<{ fieldKey: string; itemId: string; value: string; version: number | bigint }[]>(
      Prisma.sql`SELECT "fieldKey", "itemId", "value", "version" FROM "Answer" WHERE "reportId" = ${reportId} AND "fieldKey" IN (${Prisma.join(keys)})`,
    );
    for (const r of rows) current.set(answerKey(r.fieldKey, r.itemId), { value: r.value, version: Number(r.version) });
  }

  if (input.expectedVersion !== undefined && writes.length) {
    const expected = input.expectedVersion;
    const changed = writes.filter((w) => (current.get(answerKey(w.fieldKey, w.itemId ?? ''))?.version ?? -1) > expected);
    if (changed.length) {
      const labels = [...new Set(changed.map((c) => labelOf(c.fieldKey)))];
      throw new AppError('STALE_WRITE', zh.store.staleWrite(labels), labels);
    }
  }

  for (const statement of itemAddStatements(reportId, patch.addItems ?? [], now)) await tx.$executeRaw(statement);
  if (patch.deleteItems?.length) {
    await tx.groupItem.updateMany({ where: { reportId, id: { in: patch.deleteItems } }, data: { deletedAt: now } });
    await tx.groupItem.updateMany({ where: { reportId, parentId: { in: patch.deleteItems } }, data: { deletedAt: now } });
  }

  const itemIds = [...new Set(writes.map((w) => w.itemId).filter((x): x is string => Boolean(x)))];
  if (itemIds.length) {
    const [found] = await tx.$queryRaw<{ n: number | bigint }[]>(
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "GroupItem" WHERE "reportId" = ${reportId} AND "deletedAt" IS NULL AND "id" IN (${Prisma.join(itemIds)})`,
    );
    if (Number(found!.n) !== itemIds.length) throw new AppError('NOT_FOUND', zh.store.reportNotFound);
  }

  const changes = answerChanges(writes, (fieldKey, itemId) => current.get(answerKey(fieldKey, itemId))?.value ?? null);
  for (const statement of answerStatements(reportId, version, userId, now, changes)) await tx.$executeRaw(statement);
  return { version, unitId: bumped[0].unitId };
}

/**
 * Commit one user turn in one transaction: report changes (with the optimistic-lock check),
 * conversation state, the inbound message id and audit lines. Returns the new report version
 * (null when the report was not changed).
 */
export async function commitTurn(db: Db, input: TurnInput): Promise<{ version: number | null }> {
  const { patch, userId } = input;
  return retryOnStaleSnapshot(() =>
    db.$transaction(
      async (tx) => {
        if (patch.inbound && !(await claimMessage(tx, patch.inbound.channel, patch.inbound.messageId))) {
          throw new DuplicateMessageError(patch.inbound.messageId);
        }
        let version: number | null = null;
        let unitId: string | null = null;
        if (input.reportId && changesReport(patch)) {
          ({ version, unitId } = await applyReportChanges(tx, { ...input, reportId: input.reportId }));
        }
        if (input.reportId && patch.audit?.length && unitId === null) unitId = (await getReport(tx, input.reportId)).unitId;
        for (const statement of turnStatements(userId, unitId, new Date(), patch)) await tx.$executeRaw(statement);
        return { version };
      },
      { maxWait: 10_000, timeout: 20_000 },
    ),
  );
}

export async function loadConversation(db: Db, userId: string, channel: string): Promise<unknown> {
  const row = await db.conversationState.findUnique({ where: { userId_channel: { userId, channel } } });
  return row ? (JSON.parse(row.state) as unknown) : undefined;
}
