import type { Db } from './db.js';

/**
 * The inbox: inbound channel messages stored before they are acknowledged, so that a message the
 * sender was told we have is never lost to a crash (WeCom does not retry after a 200). A worker
 * runs them in id (arrival) order per user and marks them processed; on start it runs what a
 * previous process left pending. Running a message twice is harmless: the turn claims its
 * message id in its own transaction (ProcessedMessage), so a second run answers nothing.
 */
export interface InboxEntry {
  id: number;
  channel: string;
  /** The channel's message id, or a key derived from the message when it has none. */
  messageId: string;
  userExternalId: string;
  /** The message's fields as received (decrypted). */
  payload: Record<string, string>;
  /** How many starts found it still pending (0 for a message stored by this process). */
  attempts: number;
}

export type NewInboxEntry = Omit<InboxEntry, 'id' | 'attempts'>;

/** A unique-constraint violation from either generated client (Prisma's P2002). */
function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}

/**
 * Store a message (committed when this resolves). Undefined when the channel's message id is
 * stored already: a retried delivery, which is not run again.
 */
export async function enqueue(db: Db, m: NewInboxEntry, receivedAt = new Date()): Promise<InboxEntry | undefined> {
  try {
    const row = await db.inboxMessage.create({
      data: { channel: m.channel, messageId: m.messageId, userExternalId: m.userExternalId, payload: JSON.stringify(m.payload), receivedAt },
      select: { id: true },
    });
    return { ...m, id: row.id, attempts: 0 };
  } catch (e) {
    if (isUniqueViolation(e)) return undefined;
    throw e;
  }
}

/**
 * The messages of `channel` received before `before` and not yet processed, in arrival order,
 * each counted as one more attempt. Called once at start, so `before` is the start time: later
 * messages are this process's own and are run as they arrive.
 */
export async function claimPending(db: Db, channel: string, before: Date): Promise<InboxEntry[]> {
  const where = { channel, processedAt: null, receivedAt: { lt: before } };
  await db.inboxMessage.updateMany({ where, data: { attempts: { increment: 1 } } });
  const rows = await db.inboxMessage.findMany({ where, orderBy: { id: 'asc' } });
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    messageId: r.messageId,
    userExternalId: r.userExternalId,
    payload: JSON.parse(r.payload) as Record<string, string>,
    attempts: r.attempts,
  }));
}

/** The message has been run (its turn committed, or it was given up). */
export async function markDone(db: Db, id: number, at = new Date()): Promise<void> {
  await db.inboxMessage.update({ where: { id }, data: { processedAt: at } });
}

/** Delete processed messages of `channel` processed before `before`; returns how many. */
export async function pruneProcessed(db: Db, channel: string, before: Date): Promise<number> {
  const { count } = await db.inboxMessage.deleteMany({ where: { channel, processedAt: { lt: before } } });
  return count;
}
