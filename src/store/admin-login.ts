import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import type { Db } from './db.js';

/**
 * The web dashboard's login (issue 28 item 5): `后台` in chat gives an oversight member a link
 * valid 10 minutes, usable once, bound to that person; using it makes a session whose token is
 * the cookie. Only SHA-256 hashes of tokens are stored, so the database alone opens nothing.
 */
export const LOGIN_LINK_TTL_MS = 10 * 60 * 1000;
export const SESSION_TTL_MS = 8 * 3600 * 1000;
const KEEP_EXPIRED_MS = 24 * 3600 * 1000;

const A = zh.admin;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
/** A token as we make them (43 base64url characters); anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A new login link's token for `userId` (the caller checked that they are an oversight member). */
export async function issueLoginLink(db: Db, userId: string, now: Date): Promise<string> {
  // links and sessions over a day past their end are of no more use (a used link is kept that long
  // so that using it again is told "used", not "invalid")
  const old = { expiresAt: { lt: new Date(now.getTime() - KEEP_EXPIRED_MS) } };
  await db.adminLoginLink.deleteMany({ where: old });
  await db.adminSession.deleteMany({ where: old });
  const token = newToken();
  await db.adminLoginLink.create({ data: { tokenHash: hash(token), userId, expiresAt: new Date(now.getTime() + LOGIN_LINK_TTL_MS) } });
  await db.auditLog.create({ data: { userId, action: 'admin.link', detail: '{}' } });
  return token;
}

/**
 * Whether a link can be used, without using it: its person, or an AppError saying why not. A
 * browser already signed in as somebody else cannot use it (the link is left for its person).
 */
export async function checkLoginLink(db: Db, token: string, now: Date, sessionUserId?: string): Promise<{ userId: string }> {
  const row = TOKEN.test(token) ? await db.adminLoginLink.findUnique({ where: { tokenHash: hash(token) } }) : null;
  if (!row) throw new AppError('ADMIN_LINK_INVALID', A.linkInvalid);
  if (sessionUserId && sessionUserId !== row.userId) throw new AppError('ADMIN_LINK_OTHER_PERSON', A.linkOtherPerson);
  if (row.usedAt) throw new AppError('ADMIN_LINK_USED', A.linkUsed);
  if (row.expiresAt <= now) throw new AppError('ADMIN_LINK_EXPIRED', A.linkExpired);
  return { userId: row.userId };
}

/** Use a link (once, whoever is first of two racing requests): a new session's token and its person. */
export async function redeemLoginLink(db: Db, token: string, now: Date, sessionUserId?: string): Promise<{ userId: string; session: string; expiresAt: Date }> {
  const { userId } = await checkLoginLink(db, token, now, sessionUserId);
  const used = await db.adminLoginLink.updateMany({ where: { tokenHash: hash(token), usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (used.count !== 1) throw new AppError('ADMIN_LINK_USED', A.linkUsed);
  const session = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.adminSession.create({ data: { tokenHash: hash(session), userId, expiresAt } });
  await db.auditLog.create({ data: { userId, action: 'admin.login', detail: '{}' } });
  return { userId, session, expiresAt };
}

/** The person of a live session token, or undefined. */
export async function sessionUser(db: Db, token: string | undefined, now: Date): Promise<string | undefined> {
  if (!token || !TOKEN.test(token)) return undefined;
  const row = await db.adminSession.findUnique({ where: { tokenHash: hash(token) } });
  return row && row.expiresAt > now ? row.userId : undefined;
}

/** End a session (退出). */
export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (token && TOKEN.test(token)) await db.adminSession.deleteMany({ where: { tokenHash: hash(token) } });
}
