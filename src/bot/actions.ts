import { handle, resume, type EngineDeps } from '../dialogs/engine.js';
import { handleImport } from '../dialogs/import-flow.js';
import { scoreSummary } from '../dialogs/score-summary.js';
import { scoreChart } from '../picture/score-chart.js';
import { initialState, type Decision, type DialogState, type Reply, type Snapshot } from '../dialogs/types.js';
import { AppError } from '../errors.js';
import { buildInProcess } from '../export/builder.js';
import { proposalFromModel } from '../import/from-model.js';
import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import type { FieldValue, ReportModel } from '../report/model.js';
import { scoreReport } from '../scoring/engine.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import type { Database } from '../store/db.js';
import { latestGeneratedFile, saveGeneratedFile } from '../store/files.js';
import type { ReportModelCache } from '../store/model-cache.js';
import type { KnownReport } from '../store/fast-commit.js';
import type { AnswerWrite } from '../store/patch.js';
import { createInvite, createUnit, INVITE_TTL_MS, membershipsOf, redeemInvite } from '../store/people.js';
import { membershipIn, sessionMemberships, type Session } from '../store/session.js';
import { openReport, reportsUpTo, type commitTurn, type ReportRef } from '../store/reports.js';
import type { BotOptions } from './bot-types.js';
import { inviteKeys, type InviteGuard } from './invite-guard.js';
import type { BuildTicket } from './build-queue.js';

/**
 * The actions a turn's decision asks for (create a unit, join one with an invite code, make an
 * invite, open a year's report, build the report file), run by the bot outside the turn's own
 * transaction (see Bot.turn).
 */

const D = zh.dialog;

/** A generated file of an unchanged report is handed out again instead of being built and stored anew. */
const REUSE_FILE_MS = 24 * 3600 * 1000;

/** What the actions take from the bot. */
export interface ActionHost {
  readonly database: Database;
  /** The unit's rule set when one is created; how a report is built (default: in process). */
  readonly opts: Pick<BotOptions, 'defaultRuleSetId' | 'build'>;
  readonly deps: EngineDeps;
  readonly now: () => Date;
  readonly ruleSet: (id: string) => RuleSet;
  readonly invites: InviteGuard;
  /** The bot's snapshot of what the engine may read, its cached report model, and its commit. */
  snapshot(userId: string, state: DialogState, buttons: boolean, memberships?: Session['memberships']): Promise<{ snap: Snapshot; state: DialogState }>;
  model(reportId: string): ReturnType<ReportModelCache['load']>;
  /** The model of a report this turn just created: empty, so not read (ReportModelCache.created). */
  createdModel(report: ReportRef): ReturnType<ReportModelCache['created']>;
  /** `known`: what the commit may go by to be one batch (fast-commit.ts): the model at `expectedVersion`, or only the report's unit. */
  commit(input: Parameters<typeof commitTurn>[1], known?: KnownReport | { unitId: string }): Promise<{ version: number | null }>;
}

/** An action's outcome: its replies, the turn's decision after it, and the report it opened. */
export interface Performed {
  replies: Reply[];
  decision: Decision;
  audit: { action: string; detail: unknown }[];
  reportId: string | undefined;
  /** The unit of the report opened. */
  unitId: string | undefined;
  version: number | undefined;
  generate: boolean;
}

/**
 * Run the decision's action; an AppError is said to the person. Then (but after 生成报告) ask where to
 * go next from the new situation, with the prefilled unit facts committed first and, for a new
 * year's report of a unit with an earlier one, that report offered through the confirm flow.
 */
export async function perform(
  bot: ActionHost,
  userId: string,
  /** The person's units as the turn's session read them; undefined: read them now. */
  sessionUnits: Session['memberships'] | undefined,
  decision: Decision,
  buttons: boolean,
  address?: string,
): Promise<Performed> {
  const action = decision.action!;
  const replies: Reply[] = [];
  const audit: { action: string; detail: unknown }[] = [];
  const prefill: AnswerWrite[] = [];
  let state = decision.state;
  let reportId: string | undefined;
  let unitId: string | undefined;
  let version: number | undefined;
  let generate = false;
  /** A new year's report of a unit that has an earlier one: that report, offered as a proposal. */
  let earlier: { id: string; year: number } | undefined;
  /** The opened report's model (at `version`) the unit facts are prefilled into. */
  let opened: ReportModel | undefined;
  /** The person's units as the action read them, when nothing since can have changed them. */
  let units: Session['memberships'] | undefined;
  const resumeWith = async (s: DialogState): Promise<Decision> => {
    const { snap, state: st } = await bot.snapshot(userId, s, buttons, units);
    // a command sent before the year question was answered runs on the report it opened
    const then = action.kind === 'openReport' ? action.then : undefined;
    if (!earlier && snap.report && then) return handle(snap, st, then, bot.deps);
    if (!earlier || !snap.report) return resume(snap, st, bot.deps);
    // its unchanged facts and texts go through the confirm flow, like a file of last year's report
    const { model } = await bot.model(earlier.id);
    return handleImport(snap, st, proposalFromModel(model, earlier.year), bot.deps);
  };
  try {
    switch (action.kind) {
      case 'createUnit': {
        const unit = await createUnit(bot.database, { name: action.name, rank: action.rank, ruleSetId: bot.opts.defaultRuleSetId, adminUserId: userId });
        replies.push({ text: D.unitCreated(unit.name) });
        state = { ...state, unitId: unit.id, step: { kind: 'year' } };
        // nothing but this unit changed the person's units: not read back (two round trips at the start of deadline day)
        if (sessionUnits) units = [...sessionUnits, membershipIn(unit, 'admin')];
        break;
      }
      case 'joinUnit': {
        const keys = inviteKeys(userId, address);
        const wait = bot.invites.waitMs(keys);
        if (wait > 0) throw new AppError('INVITE_TOO_MANY_TRIES', zh.store.inviteTooManyTries(Math.ceil(wait / 60_000)));
        const m = await redeemInvite(bot.database.db, { code: action.code, userId, now: bot.now() }).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'INVITE_INVALID') bot.invites.fail(keys);
          throw e;
        });
        const unit = await bot.database.db.unit.findUnique({ where: { id: m.unitId } });
        replies.push({ text: D.joined(unit?.name ?? '', D.roles[m.role] ?? m.role) });
        state = { ...initialState(), unitId: m.unitId, step: { kind: 'year' } };
        // a colleague joins to work on the unit's report: the most recent one opens (issue 25 item 5)
        const latest = await bot.database.db.report.findFirst({ where: { unitId: m.unitId }, orderBy: { year: 'desc' }, select: { year: true } });
        if (latest) {
          const opened = await perform(bot, userId, undefined, { ...decision, state, action: { kind: 'openReport', year: latest.year } }, buttons, address);
          return { ...opened, replies: [...replies, ...opened.replies] };
        }
        break;
      }
      case 'createInvite': {
        const unitId = state.unitId ?? (await membershipsOf(bot.database.db, userId))[0]?.unitId;
        if (!unitId) throw new AppError('FORBIDDEN', zh.store.forbidden);
        const inv = await createInvite(bot.database.db, { unitId, byUserId: userId, now: bot.now() });
        replies.push({ text: D.invite(inv.code, Math.round(INVITE_TTL_MS / 86_400_000)) });
        audit.push({ action: 'invite.create', detail: { code: inv.code } });
        break;
      }
      case 'openReport': {
        // the session's units, read at the start of this turn (two round trips fewer per report opened)
        const memberships = sessionUnits ?? sessionMemberships(await membershipsOf(bot.database.db, userId));
        const m = memberships.find((x) => x.unitId === state.unitId) ?? memberships[0];
        if (!m) {
          replies.push({ text: D.noReport });
          break;
        }
        units = memberships;
        const rs = bot.ruleSet(m.ruleSetId);
        const latest = action.latest ? await bot.database.db.report.findFirst({ where: { unitId: m.unitId }, orderBy: { year: 'desc' }, select: { year: true } }) : null;
        const year = latest?.year ?? action.year;
        const { existing, before } = await reportsUpTo(bot.database.db, m.unitId, year);
        if (!existing && before) earlier = { id: before.id, year: before.year };
        const made = existing ? undefined : await openReport(bot.database.db, m.unitId, year, { id: rs.id, version: rs.version });
        const report = existing ?? made!;
        replies.push({ text: D.reportOpened(year, m.unitName, existing !== undefined) });
        if (report.id !== state.reportId) state = { ...initialState(), unitId: m.unitId, reportId: report.id, step: { kind: 'done' } };
        reportId = report.id;
        unitId = m.unitId;
        // The unit's name, rank and the year are known already: never ask them again.
        const { model, report: seen } = made?.created ? bot.createdModel(made) : await bot.model(report.id);
        [opened, version] = [model, seen.version];
        const known: [string, FieldValue | null | undefined][] = [
          ['unit.name', m.unitName],
          ['unit.year', year],
          ['unit.rank', m.unitRank],
        ];
        for (const [key, value] of known) if (value !== null && value !== undefined && model.values[key] === undefined) prefill.push({ fieldKey: key, value });
        audit.push({ action: 'report.open', detail: { year } });
        break;
      }
      case 'generateReport':
        generate = true;
        break;
    }
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    replies.push({ text: e.message });
  }
  let next: Decision = { ...decision, state };
  if (action.kind !== 'generateReport') {
    // Ask where to go next from the new situation (report opened, unit joined …).
    if (prefill.length && reportId) {
      // commit the prefilled answers first so the next question skips them: one batch, checked
      // against the model they were chosen from; what a colleague set meanwhile is theirs
      const r = await bot.commit({ userId, reportId, expectedVersion: version, patch: { answers: prefill } }, { model: opened!, unitId: unitId! }).catch(async (e: unknown) => {
        if (!(e instanceof AppError && e.code === 'STALE_WRITE')) throw e;
        const now = (await bot.model(reportId!)).model.values;
        const rest = prefill.filter((w) => now[w.fieldKey] === undefined);
        return rest.length ? bot.commit({ userId, reportId, patch: { answers: rest } }) : { version: null };
      });
      version = r.version ?? version;
    }
    const again = await resumeWith(state);
    replies.push(...again.replies);
    // (the confirm flow stores nothing before 确认; whatever it does decide is committed with the turn)
    next = {
      ...decision,
      state: again.state,
      answers: [...decision.answers, ...again.answers],
      addItems: [...decision.addItems, ...again.addItems],
      deleteItems: [...decision.deleteItems, ...again.deleteItems],
    };
  }
  return { replies, decision: next, audit, reportId, unitId, version, generate };
}

/**
 * Build the report's DOCX (or hand out the one built lately of the same version) and its score.
 * `ticket`: this build's place in the bot's line of builds (build-queue.ts), taken when the person
 * was told 「正在生成报告」; it is left however this ends.
 */
export async function generateReport(bot: ActionHost, userId: string, reportId: string, ticket: BuildTicket): Promise<Reply[]> {
  const { file, score, unitId } = await buildOrReuse(bot, userId, reportId, ticket).finally(() => ticket.leave());
  await bot.commit({ userId, reportId, patch: { audit: [{ action: 'report.generate', detail: { fileId: file.id, sha256: file.sha256 } }] } }, { unitId });
  return [
    { text: D.generated(file.fileName, fixed2(score.total), score.complete ? score.grade : `${score.grade}，${zh.grade.provisional}`), file: { fileId: file.id, fileName: file.fileName } },
    { text: scoreSummary(score), picture: scoreChart(score) },
  ];
}

async function buildOrReuse(bot: ActionHost, userId: string, reportId: string, ticket: BuildTicket) {
  const { model, report } = await bot.model(reportId);
  const score = scoreReport(model, bot.ruleSet(report.ruleSetId));
  // The same version of the report was built lately: hand out that file (its bytes differ only
  // by the time they carry), rather than build and store another copy on every 确认生成.
  const since = new Date(bot.now().getTime() - REUSE_FILE_MS);
  let file = await latestGeneratedFile(bot.database.db, reportId, report.version, since);
  if (!file) {
    const build = bot.opts.build ?? buildInProcess;
    const built = await ticket.run(() => build(model, score, { createdAt: bot.now() }));
    ({ file } = await saveGeneratedFile(bot.database.db, { reportId, reportVersion: report.version, fileName: built.fileName, content: built.content, userId }));
  }
  return { file, score, unitId: report.unitId };
}
