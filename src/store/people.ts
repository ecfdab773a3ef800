import { randomInt, randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import type { Database, Db } from './db.js';
import { isUniqueViolation } from './db-errors.js';
import { Prisma } from './generated/sqlite/client.js';

export type Role = 'filler' | 'reviewer' | 'admin';

/** Find or create the user behind a channel identity (e.g. `wecom:zhangsan`, `web:张三`). */
export async function ensureUser(db: Db, externalId: string, name?: string): Promise<{ id: string; externalId: string; name: string | null }> {
  // Every turn looks the user up: read first, write only when something is new. One write, not
  // Prisma's upsert (a transaction of three statements on PostgreSQL); two first messages of the
  // same new person meet at the unique key and the second reads what the first created.
  const found =
    (await db.user.findUnique({ where: { externalId } })) ?? (await createUser(db, externalId, name)) ?? (await db.user.findUniqueOrThrow({ where: { externalId } }));
  return !name || found.name === name ? found : db.user.update({ where: { externalId }, data: { name } });
}

/** A person not in the database yet: one write. Undefined when their other message created them at the same moment. */
export async function createUser(db: Db, externalId: string, name?: string): Promise<{ id: string; externalId: string; name: string | null } | undefined> {
  return db.user.create({ data: { externalId, name: name ?? null } }).catch((e: unknown) => {
    if (!isUniqueViolation(e)) throw e;
    return undefined;
  });
}

/**
 * Create a unit; its creator becomes its 管理员. One batch on the hot path (unit, membership, audit
 * line; all or nothing): the start of deadline day is 500 of these within seconds, and Prisma's
 * interactive transaction made it five round trips and ~4× the CPU.
 */
export async function createUnit(database: Pick<Database, 'hot'>, input: { name: string; rank?: string; ruleSetId: string; adminUserId: string }) {
  const unit = { id: randomUUID(), name: input.name, rank: input.rank ?? null, ruleSetId: input.ruleSetId, createdAt: new Date() };
  const detail = JSON.stringify({ name: input.name });
  await database.hot.batch([
    Prisma.sql`INSERT INTO "Unit" ("id", "name", "rank", "ruleSetId", "createdAt") VALUES (${unit.id}, ${unit.name}, ${unit.rank}, ${unit.ruleSetId}, ${unit.createdAt})`,
    Prisma.sql`INSERT INTO "Membership" ("id", "unitId", "userId", "role", "createdAt") VALUES (${randomUUID()}, ${unit.id}, ${input.adminUserId}, 'admin', ${unit.createdAt})`,
    Prisma.sql`INSERT INTO "AuditLog" ("unitId", "userId", "action", "detail", "createdAt") VALUES (${unit.id}, ${input.adminUserId}, 'unit.create', ${detail}, ${unit.createdAt})`,
  ]);
  return unit;
}

export async function membershipsOf(db: Db, userId: string) {
  return db.membership.findMany({ where: { userId }, include: { unit: true }, orderBy: { createdAt: 'asc' } });
}

export async function roleIn(db: Db, userId: string, unitId: string): Promise<Role | null> {
  const m = await db.membership.findUnique({ where: { unitId_userId: { unitId, userId } } });
  return (m?.role as Role | undefined) ?? null;
}

/** Letters and digits that cannot be misread on a phone (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
/** 31⁸ ≈ 8.5 × 10¹¹ codes: with 5 wrong tries per 15 minutes (bot/invite-guard.ts) never guessed. */
export const INVITE_CODE_LENGTH = 8;

/** Only a 管理员 may invite; the code is single-use and expires. */
export async function createInvite(db: Db, input: { unitId: string; byUserId: string; role?: Role; now?: Date; ttlMs?: number }) {
  if ((await roleIn(db, input.byUserId, input.unitId)) !== 'admin') throw new AppError('FORBIDDEN', zh.store.forbidden);
  const now = input.now ?? new Date();
  const code = Array.from({ length: INVITE_CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return db.invite.create({
    data: {
      code,
      unitId: input.unitId,
      role: input.role ?? 'filler',
      createdById: input.byUserId,
      expiresAt: new Date(now.getTime() + (input.ttlMs ?? INVITE_TTL_MS)),
    },
  });
}

/** Use an invite code: at most once, before it expires. Returns the membership. */
export async function redeemInvite(db: Db, input: { code: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const code = input.code.trim().toUpperCase();
  return db.$transaction(async (tx) => {
    // The conditional update is the single-use guarantee: of two concurrent redeemers one gets 0 rows.
    const used = await tx.invite.updateMany({ where: { code, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, usedById: input.userId } });
    if (used.count !== 1) throw new AppError('INVITE_INVALID', zh.store.inviteInvalid);
    const invite = (await tx.invite.findUnique({ where: { code } }))!;
    const membership = await tx.membership.upsert({
      where: { unitId_userId: { unitId: invite.unitId, userId: input.userId } },
      update: {},
      create: { unitId: invite.unitId, userId: input.userId, role: invite.role },
    });
    await tx.auditLog.create({ data: { unitId: invite.unitId, userId: input.userId, action: 'invite.redeem', detail: JSON.stringify({ code, role: invite.role }) } });
    return membership;
  });
}

/** Only a 管理员 may change roles. */
export async function setRole(db: Db, input: { unitId: string; byUserId: string; userId: string; role: Role }) {
  if ((await roleIn(db, input.byUserId, input.unitId)) !== 'admin') throw new AppError('FORBIDDEN', zh.store.forbidden);
  return db.$transaction(async (tx) => {
    const m = await tx.membership.update({ where: { unitId_userId: { unitId: input.unitId, userId: input.userId } }, data: { role: input.role } });
    await tx.auditLog.create({ data: { unitId: input.unitId, userId: input.byUserId, action: 'role.set', detail: JSON.stringify({ userId: input.userId, role: input.role }) } });
    return m;
  });
}
