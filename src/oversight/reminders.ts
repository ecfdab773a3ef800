import dayjs from 'dayjs';
import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import type { Db } from '../store/db.js';
import { claimReminder, releaseReminder } from '../store/oversight.js';
import type { Budget } from '../store/send-budget.js';
import { summaryText } from './chat.js';
import { unitStatuses, type UnitStatus } from './status.js';

/**
 * Deadline reminders and the weekly digest (issue 28 item 3). Members of every linked unit whose
 * report of the deadline's year is not complete get a message `daysBefore` days before it (7 and
 * 2 by default; after a missed run, only the most urgent one due), naming what is missing and
 * their current score; the organisation's admins get a digest once a week (ISO week).
 *
 * Exactly once across instances: each message has a key (what, for whom, which step) that is
 * claimed in the database before it is sent; only the instance that claims it sends it. A send the
 * budget does not allow now (store/send-budget.ts), or that fails, gives its claim up, so a later
 * run tries again. Meant to run on the leader (bot/leader.ts), but correct on any number.
 */

const O = zh.oversight;
const MAX_MISSING = 8;
export const DEFAULT_DAYS_BEFORE = [7, 2];
/** Units listed in a digest (one message; the rest are counted, 汇总 shows them all). */
export const DIGEST_UNITS = 30;

export interface ReminderDeps {
  db: Db;
  now: () => Date;
  ruleSet: (id: string) => RuleSet;
  budget: Budget;
  /** Send a text to a person (by external id); false when it did not go. */
  send: (userExternalId: string, text: string) => Promise<boolean>;
  /** Whether the channel can reach this person at all (default: WeCom users). */
  reaches?: (userExternalId: string) => boolean;
  daysBefore?: number[];
  log?: (msg: string) => void;
}

export interface Sent {
  key: string;
  user: string;
  text: string;
}

/** Claim, check the budget, send; the claim is given up when the send does not happen. */
async function deliver(deps: ReminderDeps, key: string, user: string, text: string, sent: Sent[]): Promise<void> {
  if (!(deps.reaches ?? ((u: string) => u.startsWith('wecom:')))(user)) return;
  if (!(await claimReminder(deps.db, key, deps.now()))) return;
  let ok = false;
  try {
    ok = (await deps.budget.take(user)) && (await deps.send(user, text));
  } catch (e) {
    deps.log?.(`oversight reminder ${key} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (ok) sent.push({ key, user, text });
  else await releaseReminder(deps.db, key);
}

function reminderText(s: UnitStatus, year: number, due: string, daysLeft: number): string {
  const lines = [O.reminder(s.unitName, year, due, daysLeft)];
  if (!s.report || !s.score) lines.push(O.reminderNotStarted);
  else {
    // the questions not answered; when all are, what the score still waits for (e.g. no 年度绩效目标 yet)
    const missing = s.missing.length ? s.missing : s.score.missing.map((m) => m.label);
    lines.push(O.reminderScore(fixed2(s.score.total), s.score.grade, missing.length));
    if (missing.length) lines.push(O.reminderMissing(missing.slice(0, MAX_MISSING).join('、') + (missing.length > MAX_MISSING ? '…' : '')));
  }
  return lines.join('\n');
}

/** One run: every reminder and digest due now and not sent yet. Returns what this run sent. */
export async function runReminders(deps: ReminderDeps): Promise<Sent[]> {
  const { db } = deps;
  const today = dayjs(deps.now()).startOf('day');
  const steps = [...(deps.daysBefore ?? DEFAULT_DAYS_BEFORE)].sort((a, b) => a - b);
  const sent: Sent[] = [];
  const deadlines = await db.oversightDeadline.findMany({ where: { due: { gte: today.format('YYYY-MM-DD') } }, orderBy: [{ due: 'asc' }, { orgId: 'asc' }] });
  for (const d of deadlines) {
    const daysLeft = dayjs(d.due).diff(today, 'day');
    const step = steps.find((n) => daysLeft <= n);
    if (step === undefined) continue;
    const links = await db.oversightLink.findMany({ where: { orgId: d.orgId }, select: { unitId: true } });
    const units = await db.unit.findMany({ where: { id: { in: links.map((l) => l.unitId) } }, orderBy: { name: 'asc' } });
    for (const s of await unitStatuses(db, units, deps.ruleSet, d.year)) {
      if (s.complete) continue;
      const text = reminderText(s, d.year, d.due, daysLeft);
      const members = await db.membership.findMany({ where: { unitId: s.unitId }, include: { user: true }, orderBy: { createdAt: 'asc' } });
      for (const m of members) await deliver(deps, `remind:${d.orgId}:${d.year}:${s.unitId}:${m.userId}:${step}`, m.user.externalId, text, sent);
    }
  }
  await digests(deps, today, sent);
  return sent;
}

/** The weekly digest: each organisation's 汇总 to its admins, once per ISO week (Monday's date in the key). */
async function digests(deps: ReminderDeps, today: dayjs.Dayjs, sent: Sent[]): Promise<void> {
  const { db } = deps;
  const monday = today.subtract((today.day() + 6) % 7, 'day').format('YYYY-MM-DD');
  const admins = await db.oversightMember.findMany({ where: { role: 'admin' }, include: { org: true }, orderBy: { createdAt: 'asc' } });
  const byOrg = new Map<string, typeof admins>();
  for (const a of admins) byOrg.set(a.orgId, [...(byOrg.get(a.orgId) ?? []), a]);
  for (const [orgId, list] of byOrg) {
    const links = await db.oversightLink.findMany({ where: { orgId }, select: { unitId: true } });
    if (!links.length) continue;
    const users = await db.user.findMany({ where: { id: { in: list.map((a) => a.userId) } } });
    const units = await db.unit.findMany({ where: { id: { in: links.map((l) => l.unitId) } } });
    const statuses = await unitStatuses(db, units, deps.ruleSet);
    const text = `${O.digestHead}\n${summaryText(list[0]!.org.name, statuses, undefined, DIGEST_UNITS)}`;
    for (const u of users) await deliver(deps, `digest:${orgId}:${u.id}:${monday}`, u.externalId, text, sent);
  }
}
