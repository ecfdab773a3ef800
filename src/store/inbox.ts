import type { Database } from './db.js';
import { isUniqueViolation } from './db-errors.js';
import { Prisma } from './generated/sqlite/client.js';

/**
 * The inbox: inbound channel messages stored before they are acknowledged, so that a message the
 * sender was told we have is never lost to a crash (WeCom does not retry after a 200). A worker
 * runs them in arrival (id) order per user and marks them processed; on start it runs what a
 * previous process left pending. Running a message twice is harmless: the turn claims its
 * message id in its own transaction (ProcessedMessage), so a second run answers nothing.
 *
 * Writes go through the hot path's `batch`, a transaction of its own. (On SQLite a bare Prisma
 * statement once ran inside whichever interactive transaction was open on Prisma's one
 * connection; store/sqlite-serial.ts now makes it wait instead.)
 */
export interface InboxEntry {
  channel: string;
  /** The channel's message id, or a key derived from the message when it has none. */
  messageId: string;
  userExternalId: string;
  /** The message's fields as received (decrypted). */
  payload: Record<string, string>;
  /** How many starts found it still pending (0 for a message stored by this process). */
  attempts: number;
}

export type NewInboxEntry = Omit<InboxEntry, 'attempts'>;

/**
 * Store a message; committed when this resolves. False when the channel's message id is stored
 * already: a repeated delivery, which is not run again.
 */
export async function enqueue(database: Database, m: NewInboxEntry, receivedAt = new Date()): Promise<boolean> {
  try {
    await database.hot.batch([
      Prisma.sql`INSERT INTO "InboxMessage" ("channel", "messageId", "userExternalId", "payload", "receivedAt", "attempts")
        VALUES (${m.channel}, ${m.messageId}, ${m.userExternalId}, ${JSON.stringify(m.payload)}, ${receivedAt}, 0)`,
    ]);
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

/** The message has been run (its turn committed, or it was given up). */
export async function markDone(database: Database, channel: string, messageId: string, at = new Date()): Promise<void> {
  await database.hot.batch([
    Prisma.sql`UPDATE "InboxMessage" SET "processedAt" = ${at} WHERE "channel" = ${channel} AND "messageId" = ${messageId} AND "processedAt" IS NULL`,
  ]);
}

/**
 * The messages of `channel` received before `before` and not yet processed, in arrival order,
 * each counted as one more attempt. Called once at start, with the start time: later messages
 * are this process's own and are run as they arrive.
 */
export async function claimPending(database: Database, channel: string, before: Date): Promise<InboxEntry[]> {
  await database.hot.batch([
    Prisma.sql`UPDATE "InboxMessage" SET "attempts" = "attempts" + 1 WHERE "channel" = ${channel} AND "processedAt" IS NULL AND "receivedAt" < ${before}`,
  ]);
  const rows = await database.db.inboxMessage.findMany({ where: { channel, processedAt: null, receivedAt: { lt: before } }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({
    channel: r.channel,
    messageId: r.messageId,
    userExternalId: r.userExternalId,
    payload: JSON.parse(r.payload) as Record<string, string>,
    attempts: r.attempts,
  }));
}

/** Delete the messages of `channel` processed before `before`. */
export async function pruneProcessed(database: Database, channel: string, before: Date): Promise<void> {
  await database.hot.batch([Prisma.sql`DELETE FROM "InboxMessage" WHERE "channel" = ${channel} AND "processedAt" < ${before}`]);
}
