import { LRUCache } from 'lru-cache';
import type { Database } from './db.js';
import { Prisma } from './generated/sqlite/client.js';

/**
 * Proactive sends (WeCom 智能机器人 aibot_send_msg: cards, files, anything after the passive reply)
 * counted per person in the database, against limits kept in config. WeCom publishes no number for
 * them; community plugins report a daily cap per chat and a window after the person's last message
 * (see README「企业微信的限制」). The channel asks before each proactive send and, as a person nears
 * the cap, folds choices into its passive text instead of sending a card, keeping the rest for files.
 *
 * Reads and writes go through the hot path (see inbox.ts). Two sends for one person are
 * never concurrent (one queue per person, one leader holds the connection), so read-then-write is
 * enough; a rare race costs one send over the configured cap, which is itself an estimate.
 */
export interface SendLimits {
  /** Proactive sends per person and day. */
  perDay: number;
  /** Hours after the person's last message in which proactive sends are allowed. */
  windowHours: number;
}

export const DEFAULT_SEND_LIMITS: SendLimits = { perDay: 100, windowHours: 24 };

export interface Budget {
  /** The person wrote (a message, a click): the window opens again. */
  inbound(user: string): Promise<void>;
  /** Sends left now (0 outside the window). */
  left(user: string): Promise<number>;
  /** Count one send; false (and nothing counted) when none is left. */
  take(user: string): Promise<boolean>;
}

/** For channels and tests without limits. */
export const unlimited: Budget = { inbound: async () => undefined, left: async () => Number.POSITIVE_INFINITY, take: async () => true };

/**
 * How stale the stored time of a person's last message may be. Storing every message's time was
 * a commit of its own that each message waited for before its turn began (on PostgreSQL a fourth
 * round trip; deadline day's PostgreSQL CPU 45–47% → 39–40%, docs/performance.md 2026-12-04, fourth).
 * The window is hours long, so the time is stored at most this often per person (a tenth of the
 * window when that is shorter): the window closes at most this much early, never late.
 */
export const INBOUND_REFRESH_MS = 10 * 60_000;
/** People whose last stored message time this process remembers. */
const REMEMBERED = 10_000;

const dayOf = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export class SendBudget implements Budget {
  /** When this process last stored each person's message time (ms). */
  private readonly stored = new LRUCache<string, number>({ max: REMEMBERED });
  private readonly refreshMs: number;

  constructor(
    private readonly database: Database,
    private readonly limits: SendLimits = DEFAULT_SEND_LIMITS,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.refreshMs = Math.min(INBOUND_REFRESH_MS, (limits.windowHours * 3_600_000) / 10);
  }

  async inbound(user: string): Promise<void> {
    const at = this.now();
    const last = this.stored.get(user);
    if (last !== undefined && at.getTime() >= last && at.getTime() - last < this.refreshMs) return;
    await this.database.hot.batch([
      Prisma.sql`INSERT INTO "SendBudget" ("userExternalId", "day", "sent", "lastInboundAt") VALUES (${user}, ${dayOf(at)}, 0, ${at})
        ON CONFLICT ("userExternalId") DO UPDATE SET "lastInboundAt" = ${at}`,
    ]);
    this.stored.set(user, at.getTime());
  }

  async left(user: string): Promise<number> {
    const at = this.now();
    const row = await this.database.hot.budgetRow(user);
    if (!row?.lastInboundAt || at.getTime() - row.lastInboundAt.getTime() > this.limits.windowHours * 3_600_000) return 0;
    const sent = row.day === dayOf(at) ? row.sent : 0;
    return Math.max(0, this.limits.perDay - sent);
  }

  async take(user: string): Promise<boolean> {
    if ((await this.left(user)) <= 0) return false;
    const today = dayOf(this.now());
    await this.database.hot.batch([
      Prisma.sql`UPDATE "SendBudget" SET "sent" = CASE WHEN "day" = ${today} THEN "sent" + 1 ELSE 1 END, "day" = ${today}
        WHERE "userExternalId" = ${user}`,
    ]);
    return true;
  }
}
