import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import type { GroupId } from '../report/fields.js';
import { labelOf, type GroupItem, type ReportModel } from '../report/model.js';
import { decodeValue, encodeValue } from './codec.js';
import type { Db, Tx } from './db.js';
import { changesReport, type TurnPatch } from './patch.js';

export interface ReportRef {
  id: string;
  unitId: string;
  year: number;
  ruleSetId: string;
  ruleSetVersion: number;
  status: string;
  version: number;
}

/** Open the unit's report for a year, creating it pinned to the given rule set. */
export async function openReport(db: Db, unitId: string, year: number, ruleSet: { id: string; version: number }): Promise<ReportRef> {
  return db.report.upsert({
    where: { unitId_year: { unitId, year } },
    update: {},
    create: { unitId, year, ruleSetId: ruleSet.id, ruleSetVersion: ruleSet.version },
  });
}

export async function getReport(db: Db | Tx, reportId: string): Promise<ReportRef> {
  const r = await db.report.findUnique({ where: { id: reportId } });
  if (!r) throw new AppError('NOT_FOUND', zh.store.reportNotFound);
  return r;
}

/** The report as the scoring engine and the exporter see it, with the version it was read at. */
export async function loadReportModel(db: Db | Tx, reportId: string): Promise<{ model: ReportModel; report: ReportRef }> {
  const report = await getReport(db, reportId);
  const [answers, rows] = await Promise.all([
    db.answer.findMany({ where: { reportId } }),
    db.groupItem.findMany({ where: { reportId, deletedAt: null }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] }),
  ]);
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

async function applyReportChanges(tx: Tx, input: TurnInput & { reportId: string }): Promise<number> {
  const { reportId, patch, userId } = input;
  // Bumping the version first takes the report's row lock (PostgreSQL) or the write lock
  // (SQLite), so concurrent turns on one report are serialised here.
  const bumped = await tx.report.update({ where: { id: reportId }, data: { version: { increment: 1 } } }).catch(() => null);
  if (!bumped) throw new AppError('NOT_FOUND', zh.store.reportNotFound);
  const version = bumped.version;
  const writes = patch.answers ?? [];

  if (input.expectedVersion !== undefined && writes.length) {
    const changed = await tx.answer.findMany({
      where: { reportId, version: { gt: input.expectedVersion }, OR: writes.map((w) => ({ fieldKey: w.fieldKey, itemId: w.itemId ?? '' })) },
      select: { fieldKey: true },
    });
    if (changed.length) {
      const labels = [...new Set(changed.map((c) => labelOf(c.fieldKey)))];
      throw new AppError('STALE_WRITE', zh.store.staleWrite(labels), labels);
    }
  }

  for (const add of patch.addItems ?? []) {
    const last = await tx.groupItem.findFirst({
      where: { reportId, group: add.group, parentId: add.parentId ?? null },
      orderBy: { position: 'desc' },
    });
    await tx.groupItem.create({
      data: { id: add.id, reportId, group: add.group, parentId: add.parentId ?? null, position: add.position ?? (last ? last.position + 1 : 0) },
    });
  }
  if (patch.deleteItems?.length) {
    const now = new Date();
    await tx.groupItem.updateMany({ where: { reportId, id: { in: patch.deleteItems } }, data: { deletedAt: now } });
    await tx.groupItem.updateMany({ where: { reportId, parentId: { in: patch.deleteItems } }, data: { deletedAt: now } });
  }

  const itemIds = [...new Set(writes.map((w) => w.itemId).filter((x): x is string => Boolean(x)))];
  if (itemIds.length) {
    const found = await tx.groupItem.count({ where: { reportId, id: { in: itemIds }, deletedAt: null } });
    if (found !== itemIds.length) throw new AppError('NOT_FOUND', zh.store.reportNotFound);
  }

  for (const w of writes) {
    const key = { reportId_fieldKey_itemId: { reportId, fieldKey: w.fieldKey, itemId: w.itemId ?? '' } };
    const existing = await tx.answer.findUnique({ where: key });
    const next = w.value === null ? null : encodeValue(w.value);
    if ((existing?.value ?? null) === next) continue;
    if (next === null) await tx.answer.delete({ where: key });
    else
      await tx.answer.upsert({
        where: key,
        update: { value: next, version, updatedById: userId, updatedAt: new Date() },
        create: { reportId, fieldKey: w.fieldKey, itemId: w.itemId ?? '', value: next, version, updatedById: userId },
      });
    await tx.answerHistory.create({
      data: { reportId, fieldKey: w.fieldKey, itemId: w.itemId ?? '', oldValue: existing?.value ?? null, newValue: next, reportVersion: version, userId },
    });
  }
  return version;
}

/**
 * Commit one user turn in one transaction: report changes (with the optimistic-lock check),
 * conversation state, the inbound message id and audit lines. Returns the new report version.
 */
export async function commitTurn(db: Db, input: TurnInput): Promise<{ version: number | null }> {
  const { patch, userId } = input;
  return db.$transaction(
    async (tx) => {
      if (patch.inbound && !(await claimMessage(tx, patch.inbound.channel, patch.inbound.messageId))) {
        throw new DuplicateMessageError(patch.inbound.messageId);
      }
      let version: number | null = null;
      let unitId: string | null = null;
      if (input.reportId && changesReport(patch)) {
        version = await applyReportChanges(tx, { ...input, reportId: input.reportId });
      }
      if (input.reportId && patch.audit?.length) unitId = (await getReport(tx, input.reportId)).unitId;
      if (patch.conversation) {
        const state = JSON.stringify(patch.conversation.state);
        await tx.conversationState.upsert({
          where: { userId_channel: { userId, channel: patch.conversation.channel } },
          update: { state },
          create: { userId, channel: patch.conversation.channel, state },
        });
      }
      for (const a of patch.audit ?? []) {
        await tx.auditLog.create({ data: { unitId, userId, action: a.action, detail: JSON.stringify(a.detail ?? null) } });
      }
      return { version };
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

export async function loadConversation(db: Db, userId: string, channel: string): Promise<unknown> {
  const row = await db.conversationState.findUnique({ where: { userId_channel: { userId, channel } } });
  return row ? (JSON.parse(row.state) as unknown) : undefined;
}
