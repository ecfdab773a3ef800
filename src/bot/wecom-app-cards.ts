import { createHash, randomBytes } from 'node:crypto';
import { zh } from '../messages/zh.js';
import type { Database } from '../store/db.js';
import { Prisma } from '../store/generated/sqlite/client.js';

/**
 * The 自建应用's choice cards (template_card, card_type button_interaction, sent with
 * message/send) and the ledger that recognises a click on one.
 *
 * Every card gets a new task_id (WeCom refuses a task_id used before by the app): `q` + a digest
 * of the question and its choices, the send time and a random nonce, all in [A-Za-z0-9_-@] and
 * under 128 bytes. The ledger keeps, per task_id, whom the card went to, the question and its
 * choices, and whether it is still open. It lives in the database, not in memory, because the
 * click may reach another instance or a restarted process (several instances serve the callback
 * on PostgreSQL). It is the inbox table under its own channel, `wecom-app-card` (messageId =
 * task_id, processedAt = closed), so no new table or migration is needed; the inbox's own
 * functions only ever touch the channel `wecom-app`.
 *
 * A card is current while it is open. Every delivery to a person closes that person's open
 * cards before anything is sent (a new question, or any other reply, makes old buttons stale), so
 * at most the last card is open, and only if nothing has been said to the person since. A click
 * is answered only when its card is open, was sent to the person clicking, and its key names
 * one of the card's choices; otherwise nothing is stored and the person is told why.
 */
export const CARD_CHANNEL = 'wecom-app-card';
/** button_interaction cards hold at most 6 buttons (template card documents: button_list ≤ 6). */
export const MAX_BUTTONS = 6;
/** WeCom: task_id of digits, letters and _-@, at most 128 bytes. */
export const TASK_ID = /^[A-Za-z0-9_\-@]{1,128}$/;
/** A response_code is valid 72 h (update_template_card documents); older cards are pruned after that. */
export const KEEP_CARDS_MS = 72 * 3_600_000;
/** WeCom suggests main_title.desc of at most 44 characters. */
const DESC_MAX = 44;

export interface CardRecord {
  taskId: string;
  /** `wecom:${userid}` of the person the card was sent to. */
  user: string;
  question: string;
  choices: string[];
}

export interface StoredCard extends CardRecord {
  open: boolean;
}

export function newTaskId(question: string, choices: string[], now = Date.now()): string {
  const digest = createHash('sha256').update(`${question}\n${choices.join('\n')}`).digest('hex').slice(0, 12);
  return `q${digest}-${now.toString(36)}-${randomBytes(6).toString('hex')}`;
}

/** The last line of a question, short enough for the card's description. */
export function questionLine(text: string): string {
  const line = text.trim().split('\n').filter(Boolean).at(-1) ?? '';
  return line.length > DESC_MAX ? `${line.slice(0, DESC_MAX - 1)}…` : line;
}

/**
 * The template_card of a choice question: button_interaction with main_title, task_id and one
 * button per choice (type 0 = click callback, key = the choice's position). Keys are positions,
 * not the texts, so a key stays short and the ledger maps it back to the choice.
 */
export function buttonCard(card: CardRecord): Record<string, unknown> {
  const desc = questionLine(card.question);
  return {
    card_type: 'button_interaction',
    main_title: { title: zh.wecom.chooseTitle, ...(desc ? { desc } : {}) },
    task_id: card.taskId,
    button_list: card.choices.map((c, i) => ({ type: 0, text: c, style: 1, key: String(i) })),
  };
}

/** Record a card before it is sent (a click can come as soon as it is). */
export async function openCard(database: Database, card: CardRecord, at = new Date()): Promise<void> {
  const payload = JSON.stringify({ question: card.question, choices: card.choices });
  await database.hot.batch([
    Prisma.sql`INSERT INTO "InboxMessage" ("channel", "messageId", "userExternalId", "payload", "receivedAt", "attempts")
      VALUES (${CARD_CHANNEL}, ${card.taskId}, ${card.user}, ${payload}, ${at}, 0)`,
  ]);
}

/** Close every open card of a person (their buttons are stale from now on). */
export async function closeCards(database: Database, user: string, at = new Date()): Promise<void> {
  await database.hot.batch([
    Prisma.sql`UPDATE "InboxMessage" SET "processedAt" = ${at} WHERE "channel" = ${CARD_CHANNEL} AND "userExternalId" = ${user} AND "processedAt" IS NULL`,
  ]);
}

/** Close one card (its send failed, or it was answered). */
export async function closeCard(database: Database, taskId: string, at = new Date()): Promise<void> {
  await database.hot.batch([
    Prisma.sql`UPDATE "InboxMessage" SET "processedAt" = ${at} WHERE "channel" = ${CARD_CHANNEL} AND "messageId" = ${taskId} AND "processedAt" IS NULL`,
  ]);
}

export async function findCard(database: Database, taskId: string): Promise<StoredCard | undefined> {
  if (!TASK_ID.test(taskId)) return undefined;
  const row = await database.db.inboxMessage.findUnique({ where: { channel_messageId: { channel: CARD_CHANNEL, messageId: taskId } } });
  if (!row) return undefined;
  let body: { question?: unknown; choices?: unknown };
  try {
    body = JSON.parse(row.payload) as typeof body;
  } catch {
    return undefined;
  }
  const choices = Array.isArray(body.choices) ? body.choices.filter((c): c is string => typeof c === 'string') : [];
  return { taskId, user: row.userExternalId, question: typeof body.question === 'string' ? body.question : '', choices, open: row.processedAt === null };
}

/** Delete cards sent before `before` (their response codes have expired; a click on one is unknown). */
export async function pruneCards(database: Database, before: Date): Promise<void> {
  await database.hot.batch([Prisma.sql`DELETE FROM "InboxMessage" WHERE "channel" = ${CARD_CHANNEL} AND "receivedAt" < ${before}`]);
}
