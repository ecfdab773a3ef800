import { encodeValue } from './codec.js';
import { Prisma } from './generated/sqlite/client.js';
import type { AnswerWrite, ItemAdd, TurnPatch } from './patch.js';

/*
 * The statements a turn writes, as portable SQL (quoted identifiers, ON CONFLICT … excluded,
 * multi-row VALUES: SQLite ≥ 3.35 and PostgreSQL). Both commit paths use these builders, so
 * they cannot drift apart. Raw SQL because each Prisma call costs ~0.1–0.4 ms here whatever it
 * does, and the model API would take one call per row.
 */

export const answerKey = (fieldKey: string, itemId: string) => `${fieldKey}\u0000${itemId}`;

export interface AnswerChanges {
  /** Each field's final value (null = delete), for fields whose value changes. */
  finals: { fieldKey: string; itemId: string; value: string | null }[];
  /** Every change in order, for the append-only history. */
  history: { fieldKey: string; itemId: string; oldValue: string | null; newValue: string | null }[];
}

/** What `writes` change, given each field's stored value (encoded) before the turn. */
export function answerChanges(writes: AnswerWrite[], stored: (fieldKey: string, itemId: string) => string | null): AnswerChanges {
  const finals = new Map<string, AnswerChanges['finals'][number]>();
  const history: AnswerChanges['history'] = [];
  for (const w of writes) {
    const itemId = w.itemId ?? '';
    const k = answerKey(w.fieldKey, itemId);
    const before = finals.has(k) ? finals.get(k)!.value : stored(w.fieldKey, itemId);
    const next = w.value === null ? null : encodeValue(w.value);
    if (before === next) continue;
    finals.set(k, { fieldKey: w.fieldKey, itemId, value: next });
    history.push({ fieldKey: w.fieldKey, itemId, oldValue: before, newValue: next });
  }
  return { finals: [...finals.values()], history };
}

/** The statements that store `changes` at report `version`. */
export function answerStatements(reportId: string, version: number, userId: string, now: Date, changes: AnswerChanges): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  const upserts = changes.finals.filter((f) => f.value !== null);
  if (upserts.length) {
    const rows = upserts.map((f) => Prisma.sql`(${reportId}, ${f.fieldKey}, ${f.itemId}, ${f.value}, ${version}, ${userId}, ${now})`);
    out.push(Prisma.sql`
      INSERT INTO "Answer" ("reportId", "fieldKey", "itemId", "value", "version", "updatedById", "updatedAt") VALUES ${Prisma.join(rows)}
      ON CONFLICT ("reportId", "fieldKey", "itemId") DO UPDATE SET
        "value" = excluded."value", "version" = excluded."version", "updatedById" = excluded."updatedById", "updatedAt" = excluded."updatedAt"`);
  }
  for (const f of changes.finals) {
    if (f.value === null) out.push(Prisma.sql`DELETE FROM "Answer" WHERE "reportId" = ${reportId} AND "fieldKey" = ${f.fieldKey} AND "itemId" = ${f.itemId}`);
  }
  if (changes.history.length) {
    const rows = changes.history.map((h) => Prisma.sql`(${reportId}, ${h.fieldKey}, ${h.itemId}, ${h.oldValue}, ${h.newValue}, ${version}, ${userId}, ${now})`);
    out.push(Prisma.sql`
      INSERT INTO "AnswerHistory" ("reportId", "fieldKey", "itemId", "oldValue", "newValue", "reportVersion", "userId", "createdAt") VALUES ${Prisma.join(rows)}`);
  }
  return out;
}

/**
 * New group items. Without an explicit position an item goes after every item ever made in its
 * group under the same parent (deleted ones included, so positions are never reused).
 */
export function itemAddStatements(reportId: string, adds: ItemAdd[], now: Date): Prisma.Sql[] {
  return adds.map((add) => {
    const parentId = add.parentId ?? null;
    const sameParent = parentId === null ? Prisma.sql`"parentId" IS NULL` : Prisma.sql`"parentId" = ${parentId}`;
    const position =
      add.position ?? Prisma.sql`(SELECT COALESCE(MAX("position"), -1) + 1 FROM "GroupItem" WHERE "reportId" = ${reportId} AND "group" = ${add.group} AND ${sameParent})`;
    return Prisma.sql`INSERT INTO "GroupItem" ("id", "reportId", "group", "parentId", "position", "createdAt") VALUES (${add.id}, ${reportId}, ${add.group}, ${parentId}, ${position}, ${now})`;
  });
}

/** Conversation state, step history and audit lines of a turn. */
export function turnStatements(userId: string, unitId: string | null, now: Date, patch: TurnPatch): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (patch.conversation) {
    const state = JSON.stringify(patch.conversation.state);
    out.push(Prisma.sql`
      INSERT INTO "ConversationState" ("userId", "channel", "state", "updatedAt") VALUES (${userId}, ${patch.conversation.channel}, ${state}, ${now})
      ON CONFLICT ("userId", "channel") DO UPDATE SET "state" = excluded."state", "updatedAt" = excluded."updatedAt"`);
  }
  if (patch.steps?.refs.length) {
    const { channel, reportId, refs } = patch.steps;
    const rows = refs.map((ref) => Prisma.sql`(${userId}, ${channel}, ${reportId}, ${ref}, ${now})`);
    out.push(Prisma.sql`INSERT INTO "StepHistory" ("userId", "channel", "reportId", "ref", "createdAt") VALUES ${Prisma.join(rows)}`);
  }
  if (patch.audit?.length) {
    const rows = patch.audit.map((a) => Prisma.sql`(${unitId}, ${userId}, ${a.action}, ${JSON.stringify(a.detail ?? null)}, ${now})`);
    out.push(Prisma.sql`INSERT INTO "AuditLog" ("unitId", "userId", "action", "detail", "createdAt") VALUES ${Prisma.join(rows)}`);
  }
  return out;
}
