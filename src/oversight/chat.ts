import { randomUUID } from 'node:crypto';
import dayjs from 'dayjs';
import type { ServedFile } from '../bot/bot-types.js';
import { squash } from '../dialogs/commands.js';
import { scoreSummary } from '../dialogs/score-summary.js';
import type { DialogState, Reply } from '../dialogs/types.js';
import { AppError } from '../errors.js';
import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import { issueLoginLink, LOGIN_LINK_TTL_MS } from '../store/admin-login.js';
import type { Db } from '../store/db.js';
import {
  auditRead,
  createOrg,
  isMemberCode,
  issueCode,
  LINK_CODE_TTL_MS,
  linkUnit,
  MEMBER_CODE_TTL_MS,
  orgsOf,
  readableUnits,
  redeemMemberCode,
  setDeadline,
  unlinkUnit,
  type OrgKind,
} from '../store/oversight.js';
import { membershipsOf } from '../store/people.js';
import type { OversightCommand } from './commands.js';
import { sheetFileName, writeSummarySheet } from './sheet.js';
import { unitStatuses, type UnitStatus } from './status.js';

const O = zh.oversight;
const DAY = 86_400_000;
const MAX_MISSING_SHOWN = 20;

/** What the oversight commands take from the bot. */
export interface OversightHost {
  readonly db: Db;
  readonly now: () => Date;
  readonly ruleSet: (id: string) => RuleSet;
  /** Where people reach this server (PUBLIC_URL): the dashboard link is made on it; else only its path is given. */
  readonly publicUrl?: string;
  /** Keep a file made for this person (the 汇总表) so the channel can fetch it (Bot.file). */
  keepFile(userExternalId: string, file: ServedFile): void;
  /** Whether this person (or address) has tried too many wrong codes lately (bot/invite-guard.ts). */
  joinBlocked(userId: string, address: string | undefined): boolean;
}

export interface OversightUser {
  id: string;
  externalId: string;
  /** Where the message came from, when the channel knows (web chat). */
  address?: string;
  /** The message came in a group chat. */
  group?: boolean;
}

/**
 * Run an oversight command. Returns undefined when it is not one for oversight after all (加入 with
 * a unit's invite code; 汇总, 单位 …, 下载 …, 截止 … from someone who is no oversight member): the engine
 * then handles the message as before. `claim` claims the message id once the command is known to
 * be oversight's; true means a repeated delivery (nothing is done again). Reads only, except the
 * organisation's own rows: nothing here changes a unit's answers.
 */
export async function runOversight(
  host: OversightHost,
  user: OversightUser,
  cmd: OversightCommand,
  state: DialogState,
  claim: () => Promise<boolean>,
): Promise<Reply[] | undefined> {
  const { db } = host;
  // words a unit's answer may start with (截止…, 单位…): commands only for oversight members
  const membersOnly = cmd.kind === 'summary' || cmd.kind === 'sheet' || cmd.kind === 'unit' || cmd.kind === 'download' || cmd.kind === 'deadline';
  if (membersOnly && (await orgsOf(db, user.id)).length === 0) return undefined;
  // a wrong code is the engine's (a unit's invite, or counted as a wrong try there); after too many
  // wrong tries no code is looked up here either, so the guard holds for organisations' codes too
  if (cmd.kind === 'joinOrg' && (host.joinBlocked(user.id, user.address) || !(await isMemberCode(db, cmd.code, host.now())))) return undefined;
  if (await claim()) return [];
  try {
    return await run(host, user, cmd, state);
  } catch (e) {
    if (e instanceof AppError) return [{ text: e.message }];
    throw e;
  }
}

async function run(host: OversightHost, user: OversightUser, cmd: OversightCommand, state: DialogState): Promise<Reply[]> {
  const { db } = host;
  const now = host.now();
  const say = (text: string): Reply[] => [{ text }];
  switch (cmd.kind) {
    case 'help':
      return say((await orgsOf(db, user.id)).length ? O.help : O.notMember);
    case 'admin': {
      if (!(await orgsOf(db, user.id)).length) return say(O.notMember);
      if (user.group) return say(zh.admin.groupChat); // anyone in the group could use the link first
      const path = `/admin/login?t=${await issueLoginLink(db, user.id, now)}`;
      const minutes = LOGIN_LINK_TTL_MS / 60_000;
      return say(host.publicUrl ? zh.admin.link(host.publicUrl.replace(/\/+$/, '') + path, minutes) : zh.admin.linkPath(path, minutes));
    }
    case 'createOrg': {
      const org = await createOrg(db, { name: cmd.name, kind: cmd.orgKind, adminUserId: user.id });
      return say(O.created(org.name, O.kinds[cmd.orgKind]));
    }
    case 'linkCode': {
      const { code, org } = await issueCode(db, { byUserId: user.id, purpose: 'link', now });
      return say(O.linkCode(org.name, code.code, Math.round(LINK_CODE_TTL_MS / DAY)));
    }
    case 'memberCode': {
      const { code, org } = await issueCode(db, { byUserId: user.id, purpose: 'member', role: cmd.role, now });
      return say(O.memberCode(org.name, code.code, O.roles[cmd.role], Math.round(MEMBER_CODE_TTL_MS / DAY)));
    }
    case 'joinOrg': {
      const { member, org } = await redeemMemberCode(db, { code: cmd.code, userId: user.id, now });
      return say(O.joined(org.name, O.kinds[org.kind as OrgKind], O.roles[member.role as 'admin' | 'viewer']));
    }
    case 'link':
    case 'unlink': {
      const unit = await adminUnit(db, user.id, state);
      if (cmd.kind === 'link') {
        const org = await linkUnit(db, { code: cmd.code, unitId: unit.unitId, byUserId: user.id, now });
        return say(O.linked(unit.unit.name, org.name, O.kinds[org.kind as OrgKind]));
      }
      const org = await unlinkUnit(db, { unitId: unit.unitId, kind: cmd.orgKind, byUserId: user.id });
      return say(org ? O.unlinked(unit.unit.name, org.name) : O.notLinked(O.kinds[cmd.orgKind]));
    }
    case 'deadline': {
      const due = dueDate(cmd.due);
      if (!due) return say(O.deadlineBad);
      if (due < dayjs(now).format('YYYY-MM-DD')) return say(O.deadlinePast(due));
      const year = cmd.year ?? Number(due.slice(0, 4)) - 1;
      const { org } = await setDeadline(db, { byUserId: user.id, year, due });
      return say(O.deadlineSet(org.name, year, due));
    }
    case 'summary': {
      const units = await readableUnits(db, user.id);
      if (!units.length) return say(O.noUnits);
      const statuses = await unitStatuses(db, units, host.ruleSet, cmd.year);
      await auditRead(db, user.id, units.map((u) => u.id), 'summary');
      const orgs = (await orgsOf(db, user.id)).map((m) => m.org.name).join('、');
      return say(summaryText(orgs, statuses, cmd.year));
    }
    case 'sheet': {
      const units = await readableUnits(db, user.id);
      if (!units.length) return say(O.noUnits);
      const statuses = await unitStatuses(db, units, host.ruleSet, cmd.year);
      const content = await writeSummarySheet(statuses);
      await auditRead(db, user.id, units.map((u) => u.id), 'sheet');
      const fileName = sheetFileName(cmd.year);
      const id = `oversight-${randomUUID()}`;
      host.keepFile(user.externalId, { id, fileName, content, size: content.byteLength, createdAt: now });
      return [{ text: O.sheet(fileName, statuses.length), file: { fileId: id, fileName } }];
    }
    case 'unit':
    case 'download': {
      const units = await readableUnits(db, user.id);
      const found = pickUnit(units, cmd.name);
      if (typeof found === 'string') return say(found);
      await auditRead(db, user.id, [found.id], cmd.kind);
      if (cmd.kind === 'download') {
        const file = await db.generatedFile.findFirst({
          where: { report: { unitId: found.id } },
          orderBy: { createdAt: 'desc' },
          select: { id: true, fileName: true, report: { select: { year: true } } },
        });
        if (!file) {
          const report = await db.report.findFirst({ where: { unitId: found.id }, orderBy: { year: 'desc' }, select: { year: true } });
          return say(report ? O.noFile(found.name, report.year) : O.noReport(found.name));
        }
        return [{ text: O.file(found.name, file.report.year, file.fileName), file: { fileId: file.id, fileName: file.fileName } }];
      }
      const [status] = await unitStatuses(db, [found], host.ruleSet);
      return say(unitText(status!));
    }
  }
}

/** `2025-03-31`, `2025/3/31`, `2025年3月31日` → `2025-03-31`; undefined when it is no real date. */
export function dueDate(text: string): string | undefined {
  const m = text.normalize('NFKC').replace(/\s+/g, '').match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The unit whose 管理员 the person is: the one their conversation is on, else their first. */
async function adminUnit(db: Db, userId: string, state: DialogState) {
  const ms = await membershipsOf(db, userId);
  if (!ms.length) throw new AppError('OVERSIGHT_UNIT_UNKNOWN', O.noUnitForLink);
  const admin = ms.filter((m) => m.role === 'admin');
  const m = admin.find((x) => x.unitId === state.unitId) ?? admin[0];
  if (!m) throw new AppError('FORBIDDEN', O.unitAdminOnly);
  return m;
}

/** The readable unit a name means: the exact name, else the only one containing it; else what to say. */
function pickUnit<U extends { id: string; name: string }>(units: U[], name: string): U | string {
  const s = squash(name);
  const exact = units.find((u) => squash(u.name) === s);
  if (exact) return exact;
  const within = s ? units.filter((u) => squash(u.name).includes(s)) : [];
  if (within.length === 1) return within[0]!;
  if (within.length > 1) return O.ambiguousUnit(name, within.map((u) => u.name));
  return O.unknownUnit(name);
}

const progressOf = (s: UnitStatus) => `${s.total ? Math.floor((s.done / s.total) * 100) : 0}%`;
const lastOf = (s: UnitStatus) => (s.report ? dayjs(s.report.updatedAt).format('YYYY-MM-DD') : O.never);
const gradeOf = (s: UnitStatus) => (s.score!.complete ? s.score!.grade : `${s.score!.grade}（${zh.grade.provisional}）`);

/** 汇总: one line per unit, the one needing attention first, its warnings under it; `max`: the first so many. */
export function summaryText(orgs: string, statuses: UnitStatus[], year?: number, max = Number.POSITIVE_INFINITY): string {
  const lines = [O.summaryHead(orgs, statuses.length, year)];
  statuses.slice(0, max).forEach((s, i) => {
    if (!s.report || !s.score) return void lines.push(O.summaryNoReport(i + 1, s.unitName));
    lines.push(O.summaryLine(i + 1, s.unitName, `${s.report.year}`, progressOf(s), fixed2(s.score.total), gradeOf(s), s.missing.length, lastOf(s)));
    if (s.flags.length) lines.push(O.summaryFlags(s.flags.map((f) => f.message)));
  });
  if (statuses.length > max) lines.push(O.summaryMore(statuses.length - max));
  lines.push(O.summaryFoot);
  return lines.join('\n');
}

/** 单位 <名称>: progress, the score summary the unit itself sees, missing items and warnings. */
export function unitText(s: UnitStatus): string {
  if (!s.report || !s.score) return O.noReport(s.unitName);
  const lines = [O.unitHead(s.unitName, s.report.year, progressOf(s), lastOf(s)), scoreSummary(s.score)];
  if (s.missing.length) lines.push(O.unitMissing(s.missing.length, s.missing.slice(0, MAX_MISSING_SHOWN).join('、') + (s.missing.length > MAX_MISSING_SHOWN ? '…' : '')));
  if (s.flags.length) lines.push(O.unitFlagsHead, ...s.flags.map((f) => `- ${f.message}`));
  return lines.join('\n');
}
