import { randomInt } from 'node:crypto';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import type { Db } from './db.js';
import { roleIn } from './people.js';

/**
 * Oversight organisations (issue 28): a 财政局 or a 主管部门 with admin and viewer members, and the
 * units linked to it. A unit links itself with a code the organisation issues (关联码); it may have
 * one link of each kind (the table's key is unit and kind). Members read linked units' reports;
 * nothing here writes a unit's answers, and no Membership of a unit is ever made for them.
 */

export type OrgKind = 'finance' | 'department';
export type OrgRole = 'admin' | 'viewer';

const O = zh.oversight;
/** As invite codes (store/people.ts): no 0/O, 1/I/L. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const OVERSIGHT_CODE_LENGTH = 8;
/** A 关联码 is announced to all the units at once: it links any number of them until it expires. */
export const LINK_CODE_TTL_MS = 30 * 24 * 3600 * 1000;
export const MEMBER_CODE_TTL_MS = 7 * 24 * 3600 * 1000;

const newCode = () => Array.from({ length: OVERSIGHT_CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

const audit = (db: Pick<Db, 'auditLog'>, unitId: string | null, userId: string, action: string, detail: unknown) =>
  db.auditLog.create({ data: { unitId, userId, action, detail: JSON.stringify(detail) } });

/** Create an organisation; its creator becomes its 管理员. */
export async function createOrg(db: Db, input: { name: string; kind: OrgKind; adminUserId: string }) {
  const name = input.name.trim();
  if (!name || [...name].length > 60) throw new AppError('OVERSIGHT_NAME_INVALID', O.nameInvalid);
  return db.$transaction(async (tx) => {
    const org = await tx.oversightOrg.create({ data: { name, kind: input.kind } });
    await tx.oversightMember.create({ data: { orgId: org.id, userId: input.adminUserId, role: 'admin' } });
    await audit(tx, null, input.adminUserId, 'oversight.org.create', { orgId: org.id, name, kind: input.kind });
    return org;
  });
}

/** The organisations a person reads for, with their role. */
export async function orgsOf(db: Db, userId: string) {
  return db.oversightMember.findMany({ where: { userId }, include: { org: true }, orderBy: { createdAt: 'asc' } });
}

async function adminOrg(db: Db, userId: string, orgId?: string) {
  const admin = (await orgsOf(db, userId)).find((m) => m.role === 'admin' && (!orgId || m.orgId === orgId));
  if (!admin) throw new AppError('OVERSIGHT_NOT_MEMBER', O.adminOnly);
  return admin.org;
}

/** An org admin's code: `link` for units (关联码), `member` for a colleague with `role`. */
export async function issueCode(db: Db, input: { byUserId: string; orgId?: string; purpose: 'link' | 'member'; role?: OrgRole; now?: Date }) {
  const org = await adminOrg(db, input.byUserId, input.orgId);
  const now = input.now ?? new Date();
  const ttl = input.purpose === 'link' ? LINK_CODE_TTL_MS : MEMBER_CODE_TTL_MS;
  const code = await db.oversightCode.create({
    data: {
      code: newCode(),
      orgId: org.id,
      purpose: input.purpose,
      role: input.purpose === 'member' ? (input.role ?? 'viewer') : null,
      createdById: input.byUserId,
      expiresAt: new Date(now.getTime() + ttl),
    },
  });
  return { code, org };
}

/** Whether `code` is a live member code of an organisation (so 加入 <code> is meant for one). */
export async function isMemberCode(db: Db, code: string, now = new Date()): Promise<boolean> {
  const c = await db.oversightCode.findUnique({ where: { code: code.trim().toUpperCase() } });
  return c !== null && c.purpose === 'member' && c.usedAt === null && c.expiresAt > now;
}

/** Join an organisation with a member code: at most once, before it expires. */
export async function redeemMemberCode(db: Db, input: { code: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const code = input.code.trim().toUpperCase();
  return db.$transaction(async (tx) => {
    const used = await tx.oversightCode.updateMany({ where: { code, purpose: 'member', usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, usedById: input.userId } });
    if (used.count !== 1) throw new AppError('OVERSIGHT_CODE_INVALID', O.codeInvalid);
    const c = (await tx.oversightCode.findUnique({ where: { code }, include: { org: true } }))!;
    const member = await tx.oversightMember.upsert({
      where: { orgId_userId: { orgId: c.orgId, userId: input.userId } },
      update: {},
      create: { orgId: c.orgId, userId: input.userId, role: c.role ?? 'viewer' },
    });
    await audit(tx, null, input.userId, 'oversight.member.join', { orgId: c.orgId, role: member.role });
    return { member, org: c.org };
  });
}

/**
 * A unit's 管理员 links the unit with an organisation's 关联码. A unit already linked to another
 * organisation of that kind is refused (it unlinks first); linking again to the same one is fine.
 */
export async function linkUnit(db: Db, input: { code: string; unitId: string; byUserId: string; now?: Date }) {
  if ((await roleIn(db, input.byUserId, input.unitId)) !== 'admin') throw new AppError('FORBIDDEN', O.unitAdminOnly);
  const now = input.now ?? new Date();
  const c = await db.oversightCode.findUnique({ where: { code: input.code.trim().toUpperCase() }, include: { org: true } });
  if (!c || c.purpose !== 'link' || c.expiresAt <= now) throw new AppError('OVERSIGHT_CODE_INVALID', O.codeInvalid);
  return db.$transaction(async (tx) => {
    const existing = await tx.oversightLink.findUnique({ where: { unitId_kind: { unitId: input.unitId, kind: c.org.kind } }, include: { org: true } });
    if (existing && existing.orgId !== c.orgId) throw new AppError('OVERSIGHT_ALREADY_LINKED', O.alreadyLinked(existing.org.name, O.kinds[c.org.kind as OrgKind]));
    if (!existing) {
      await tx.oversightLink.create({ data: { unitId: input.unitId, kind: c.org.kind, orgId: c.orgId, createdById: input.byUserId } });
      await audit(tx, input.unitId, input.byUserId, 'oversight.link', { orgId: c.orgId });
    }
    return c.org;
  });
}

/** A unit's 管理员 (or an admin of the organisation) ends a link: the organisation reads nothing more of it at once. */
export async function unlinkUnit(db: Db, input: { unitId: string; kind: OrgKind; byUserId: string }) {
  const link = await db.oversightLink.findUnique({ where: { unitId_kind: { unitId: input.unitId, kind: input.kind } }, include: { org: true } });
  if (!link) return null;
  const unitAdmin = (await roleIn(db, input.byUserId, input.unitId)) === 'admin';
  const orgAdmin = (await orgsOf(db, input.byUserId)).some((m) => m.orgId === link.orgId && m.role === 'admin');
  if (!unitAdmin && !orgAdmin) throw new AppError('FORBIDDEN', O.unitAdminOnly);
  await db.$transaction([
    db.oversightLink.delete({ where: { unitId_kind: { unitId: input.unitId, kind: input.kind } } }),
    db.auditLog.create({ data: { unitId: input.unitId, userId: input.byUserId, action: 'oversight.unlink', detail: JSON.stringify({ orgId: link.orgId }) } }),
  ]);
  return link.org;
}

/** The units a person may read as oversight: those linked to any organisation they are a member of. */
export async function readableUnits(db: Db, userId: string) {
  const orgIds = (await orgsOf(db, userId)).map((m) => m.orgId);
  if (!orgIds.length) return [];
  const links = await db.oversightLink.findMany({ where: { orgId: { in: orgIds } }, select: { unitId: true } });
  const ids = [...new Set(links.map((l) => l.unitId))];
  return ids.length ? db.unit.findMany({ where: { id: { in: ids } }, orderBy: { name: 'asc' } }) : [];
}

/** Whether a person may read a unit as oversight (checked on every read, so an unlink stops it at once). */
export async function canOversee(db: Db, userId: string, unitId: string): Promise<boolean> {
  const orgIds = (await orgsOf(db, userId)).map((m) => m.orgId);
  if (!orgIds.length) return false;
  return (await db.oversightLink.count({ where: { unitId, orgId: { in: orgIds } } })) > 0;
}

/** Every oversight read goes to the audit log, under the unit read. */
export async function auditRead(db: Db, userId: string, unitIds: string[], what: string) {
  if (!unitIds.length) return;
  await db.auditLog.createMany({ data: unitIds.map((unitId) => ({ unitId, userId, action: 'oversight.read', detail: JSON.stringify({ what }) })) });
}

/** An org admin sets the date its units are to finish `year`'s report by (one per year; set again to change). */
export async function setDeadline(db: Db, input: { byUserId: string; year: number; due: string }) {
  const org = await adminOrg(db, input.byUserId);
  const row = await db.oversightDeadline.upsert({
    where: { orgId_year: { orgId: org.id, year: input.year } },
    update: { due: input.due, setById: input.byUserId },
    create: { orgId: org.id, year: input.year, due: input.due, setById: input.byUserId },
  });
  await audit(db, null, input.byUserId, 'oversight.deadline', { orgId: org.id, year: input.year, due: input.due });
  return { deadline: row, org };
}

/** Claim a reminder by its key: true for the one caller that claims it first (on any instance). */
export async function claimReminder(db: Db, key: string, at: Date): Promise<boolean> {
  return (await db.$executeRaw`INSERT INTO "OversightReminder" ("key", "sentAt") VALUES (${key}, ${at}) ON CONFLICT DO NOTHING`) === 1;
}

/** Give a claim up (the send did not happen): a later run tries again. */
export async function releaseReminder(db: Db, key: string): Promise<void> {
  await db.oversightReminder.deleteMany({ where: { key } });
}
