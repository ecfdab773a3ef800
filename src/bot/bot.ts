import { randomUUID } from 'node:crypto';
import { HISTORY_PAGE, wantsHistory } from '../dialogs/back.js';
import { handle, resume, type EngineDeps } from '../dialogs/engine.js';
import { handleImport } from '../dialogs/import-flow.js';
import { initialState, stateOf, type Decision, type DialogState, type Reply, type Snapshot } from '../dialogs/types.js';
import { AppError } from '../errors.js';
import { ImportError } from '../import/types.js';
import { zh } from '../messages/zh.js';
import { loadRuleSet } from '../scoring/ruleset-loader.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import type { ScoreResult } from '../scoring/result.js';
import { createUser, ensureUser, membershipsOf } from '../store/people.js';
import { commitAnswers, type KnownReport } from '../store/fast-commit.js';
import { ReportModelCache } from '../store/model-cache.js';
import { commitTurn, DuplicateMessageError, loadConversation } from '../store/reports.js';
import { loadSession, sessionMemberships, type Session } from '../store/session.js';
import { loadSteps } from '../store/steps.js';
import { changesReport } from '../store/patch.js';
import { generateReport, perform, type ActionHost } from './actions.js';
import { AfterReply } from './after-reply.js';
import type { BotOptions, InboundFile, InboundMessage, ServedFile, TurnResult } from './bot-types.js';
import { FileIntake } from './file-intake.js';
import { InviteGuard, inviteKeys } from './invite-guard.js';
import { Limiter } from './limiter.js';
import { BuildQueue } from './build-queue.js';
import { TEMPLATE_COMMAND } from './template-cache.js';
import { BotLookups, inboundOf, RESEND_COMMAND } from './bot-lookups.js';
import { runOversight, type OversightHost } from '../oversight/chat.js';
import { parseOversight } from '../oversight/commands.js';

export type { BotOptions, InboundFile, InboundMessage, ServedFile, TurnResult } from './bot-types.js';
const D = zh.dialog;

/**
 * The bot: runs the pure dialogs engine against the store. Every channel (WeCom long connection, app
 * callback, web chat, terminal) calls `handleMessage`; a turn is committed before its replies return.
 */
export class Bot {
  private readonly db;
  private readonly now: () => Date;
  private readonly deps: EngineDeps;
  private readonly ruleSet: (id: string) => RuleSet;
  /**
   * Report builds are memory-heavy: at most two handed to the builder at a time (the worker
   * builds one, the next one waits there), the rest wait here (build-queue.ts: places in line).
   */
  private readonly builds = new BuildQueue(2);
  /**
   * Turns in progress at once. Each loads the user's whole report; with one database writer,
   * hundreds loaded at the same time only wait and hold memory. FIFO, so per-user order holds.
   */
  private readonly turns = new Limiter(8);
  /** Files people send, read (and templates written) in the file threads, before their turns. */
  private readonly files: FileIntake;
  /** 模板, 下载报告, served files, question tokens, progress (bot-lookups.ts). */
  private readonly lookups: BotLookups;
  private readonly models = new ReportModelCache();
  /** Cache upkeep after a commit, done once the replies are sent (see after-reply.ts). */
  private readonly afterReply: AfterReply;
  /** What the actions of a turn (see actions.ts) take from the bot. */
  private readonly host: ActionHost;
  /** What the oversight commands (汇总, 单位 …, src/oversight/chat.ts) take from the bot. */
  private readonly oversight: OversightHost;

  constructor(private readonly opts: BotOptions) {
    this.db = opts.database.db;
    this.now = opts.now ?? (() => new Date());
    this.deps = { newId: opts.newId ?? randomUUID };
    this.ruleSet = opts.ruleSet ?? loadRuleSet;
    this.files = new FileIntake(opts);
    const invites = new InviteGuard({ now: () => this.now().getTime() });
    this.host = {
      database: opts.database,
      opts,
      deps: this.deps,
      now: this.now,
      ruleSet: this.ruleSet,
      invites,
      snapshot: (userId, state, buttons, memberships) => this.snapshot(userId, state, buttons, memberships),
      model: (reportId) => this.model(reportId),
      createdModel: (report) => this.models.created(report),
      commit: (input, known) => this.commit(input, undefined, known),
    };
    this.oversight = {
      db: this.db,
      now: this.now,
      ruleSet: this.ruleSet,
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
      keepFile: (user, file) => this.lookups.keep(user, file),
      joinBlocked: (userId, address) => invites.waitMs(inviteKeys(userId, address)) > 0,
    };
    this.afterReply = new AfterReply((e) => opts.log?.('warn', `cache upkeep failed: ${e instanceof Error ? e.message : String(e)}`));
    this.lookups = new BotLookups({
      database: this.opts.database,
      now: this.now,
      settle: () => this.afterReply.settle(),
      files: this.files,
      session: (msg) => this.session(msg),
      snapshot: (userId, state, buttons, known) => this.snapshot(userId, state, buttons, known),
      repeated: (msg) => this.repeated(msg),
    });
  }

  /** The cached report model, after any deferred upkeep of the caches. */
  private model(reportId: string) {
    this.afterReply.settle();
    return this.models.load(this.opts.database, reportId);
  }

  /** The person, their conversation on this channel and their units: one query per turn. */
  private async session(msg: Omit<InboundMessage, 'text'>): Promise<Session> {
    const named = (s: Session | undefined): s is Session => s !== undefined && (!msg.userName || s.user.name === msg.userName);
    const found = await loadSession(this.opts.database, msg.userExternalId, msg.channel);
    if (named(found)) return found;
    const user = found ? undefined : await createUser(this.db, msg.userExternalId, msg.userName); // undefined: their other message made them
    if (user) return { user: { id: user.id, name: user.name }, state: undefined, memberships: [] }; // someone new: nothing yet to read
    await ensureUser(this.db, msg.userExternalId, msg.userName);
    return (await loadSession(this.opts.database, msg.userExternalId, msg.channel))!;
  }

  /** Load what the engine may read for this user and channel. */
  private async snapshot(
    userId: string,
    state: DialogState,
    buttons: boolean,
    known?: Session['memberships'],
  ): Promise<{ snap: Snapshot; state: DialogState }> {
    const memberships = known ?? sessionMemberships(await membershipsOf(this.db, userId));
    let report: Snapshot['report'];
    let ruleSetId = this.opts.defaultRuleSetId;
    if (state.reportId) {
      const loaded = await this.model(state.reportId).catch(() => undefined);
      if (loaded && memberships.some((m) => m.unitId === loaded.report.unitId)) {
        report = {
          id: loaded.report.id,
          unitId: loaded.report.unitId,
          year: loaded.report.year,
          version: loaded.report.version,
          model: loaded.model,
          ...(loaded.score ? { score: loaded.score } : {}),
        };
        ruleSetId = loaded.report.ruleSetId;
      } else state = { ...initialState(), ...(memberships[0] ? { unitId: memberships[0].unitId, step: { kind: 'year' } } : {}) };
    }
    return { snap: { userId, memberships, ...(report ? { report } : {}), ruleSet: this.ruleSet(ruleSetId), today: { year: this.now().getFullYear() }, buttons }, state };
  }

  /**
   * Commit a turn; the cached report model follows the commit. `score`: the engine's score of
   * the model after exactly this patch (the next turn's "before" score). The cached model follows
   * after the replies are sent.
   */
  private async commit(
    input: Parameters<typeof commitTurn>[1],
    score?: ScoreResult,
    known?: KnownReport | { unitId: string },
  ): Promise<{ version: number | null }> {
    // earlier commits' upkeep first, so the cache follows the commits in their order
    this.afterReply.settle();
    const { reportId } = input;
    const result = await commitAnswers(this.opts.database, input, known);
    if (reportId) this.afterReply.defer(() => this.models.committed(reportId, result.version, input.patch, score));
    return result;
  }

  /** The welcome on entering the chat: where the user left off. */
  async enter(msg: Omit<InboundMessage, 'text'>): Promise<Reply[]> {
    const session = await this.session(msg);
    const stored = stateOf(session.state);
    const { snap, state } = await this.snapshot(session.user.id, stored, msg.buttons ?? false, session.memberships);
    const d = resume(snap, state, this.deps);
    await this.commit({ userId: session.user.id, patch: { conversation: { channel: msg.channel, state: d.state } } });
    return d.replies;
  }

  /** All replies of a message, the report file included (web chat, terminal, tests). */
  async handleMessage(msg: InboundMessage): Promise<Reply[]> {
    const t = await this.handleTurn(msg);
    return t.followUp ? [...t.replies, ...(await t.followUp())] : t.replies;
  }

  /** A message's replies now, and the report file later (channels that can send twice). */
  async handleTurn(msg: InboundMessage): Promise<TurnResult> {
    if (TEMPLATE_COMMAND.test(msg.text.trim())) return this.turns.run(() => this.lookups.templateTurn(msg));
    if (RESEND_COMMAND.test(msg.text.trim())) return this.turns.run(() => this.lookups.resendTurn(msg));
    const over = parseOversight(msg.text);
    if (over) {
      // 汇总, 关联 … ; undefined: not oversight's after all (a unit's 加入 code), the engine's then
      const replies = await this.turns.run(async () => {
        const s = await this.session(msg);
        const user = { id: s.user.id, externalId: msg.userExternalId, ...(msg.address ? { address: msg.address } : {}), ...(msg.group ? { group: true } : {}) };
        return runOversight(this.oversight, user, over, stateOf(s.state), () => this.repeated(msg));
      });
      if (replies) return { replies };
    }
    const history = wantsHistory(msg.text);
    return this.turns.run(() => this.turn(msg, (snap, state) => handle(snap, state, msg.text, this.deps), [], history));
  }

  /** Claims a message id for a turn that stores nothing else; true for a repeated delivery. */
  private async repeated(msg: InboundMessage): Promise<boolean> {
    if (msg.messageId) {
      // a repeated delivery sends nothing more
      const { user } = await this.session(msg);
      try {
        await this.commit({ userId: user.id, patch: { inbound: inboundOf(msg, msg.messageId) } });
      } catch (e) {
        if (e instanceof DuplicateMessageError) return true;
        throw e;
      }
    }
    return false;
  }

  /** The XLSX template as a file reply (see BotLookups.template). */
  template(userExternalId: string, channel: string): Promise<Reply[]> {
    return this.lookups.template(userExternalId, channel);
  }

  /**
   * A file the person sent. It is read first (outside the turn limiter, at most two at a time,
   * within `readTimeoutMs`); then, like a text turn, the confirm flow (handleImport) decides on
   * the loaded snapshot and its decision is committed: conversation state, answers only if the
   * decision has any, the message id (a repeated delivery does nothing). A file that cannot be
   * read is an ImportError, which handleImport says to the person. Callers serialise per person.
   */
  async handleFile(msg: InboundFile): Promise<TurnResult> {
    const read = await this.files.read(msg.fileName, msg.content);
    const detail =
      read instanceof ImportError
        ? { fileName: msg.fileName, size: msg.content.byteLength, error: read.code }
        : { fileName: msg.fileName, size: msg.content.byteLength, kind: read.kind, values: read.values.length, items: read.items.length };
    return this.turns.run(() => this.turn(msg, (snap, state) => handleImport(snap, state, read, this.deps), [{ action: 'file.read', detail }]));
  }

  /** End the file-reading threads (shutdown; idle ones never keep the process alive). */
  async close(): Promise<void> {
    await this.files.close();
  }

  /** One turn: read the session and the report, decide, run any action, commit, then reply. */
  private async turn(
    msg: Omit<InboundMessage, 'text'>,
    decide: (snap: Snapshot, state: DialogState) => Decision,
    extraAudit: { action: string; detail: unknown }[] = [],
    history = false,
  ): Promise<TurnResult> {
    // A repeated delivery is refused when its message id is claimed (in the turn's transaction, or before an action).
    const session = await this.session(msg);
    const user = session.user;
    const stored = stateOf(session.state);
    const buttons = msg.buttons ?? false;
    const loaded = await this.snapshot(user.id, stored, buttons, session.memberships);
    const open = loaded.snap.report;
    // 上一步: the stored steps before where earlier 上一步 got to (dialogs/back.ts)
    if (history && open) loaded.snap.history = await loadSteps(this.db, { userId: user.id, channel: msg.channel, reportId: open.id, before: loaded.state.backBefore, limit: HISTORY_PAGE });
    let decision = decide(loaded.snap, loaded.state);
    const replies: Reply[] = [...decision.replies];
    const audit: { action: string; detail: unknown }[] = [...extraAudit];
    let [reportId, expectedVersion] = [open?.id, open?.version];
    let generate = false;
    let claimed = false;
    let unitId = open?.unitId; // the report's unit, for the audit lines

    if (decision.action) {
      // Actions are not part of the turn's transaction: the message id is claimed first, so a second delivery does nothing.
      if (msg.messageId) {
        try {
          await this.commit({ userId: user.id, patch: { inbound: inboundOf(msg, msg.messageId) } });
        } catch (e) {
          if (e instanceof DuplicateMessageError) return { replies: [] };
          throw e;
        }
        claimed = true;
      }
      const out = await perform(this.host, user.id, session.memberships, decision, buttons, msg.address);
      replies.push(...out.replies);
      decision = out.decision;
      audit.push(...out.audit);
      generate = out.generate;
      if (out.reportId) {
        reportId = out.reportId;
        expectedVersion = out.version;
        unitId = out.unitId;
      }
    }
    if (decision.answers.length) audit.push({ action: 'answers.save', detail: { keys: decision.answers.map((a) => a.fieldKey) } });
    if (decision.addItems.length) audit.push({ action: 'items.add', detail: decision.addItems });
    if (decision.deleteItems.length) audit.push({ action: 'items.delete', detail: decision.deleteItems });

    const patch = {
      answers: decision.answers,
      addItems: decision.addItems,
      deleteItems: decision.deleteItems,
      conversation: { channel: msg.channel, state: decision.state },
      ...(decision.steps?.length && open ? { steps: { channel: msg.channel, reportId: open.id, refs: decision.steps } } : {}),
      ...(msg.messageId && !claimed ? { inbound: inboundOf(msg, msg.messageId) } : {}),
      audit,
    };
    try {
      // The engine's score is of the snapshot model plus exactly this patch; not after an action
      // (which may have written more, e.g. prefilled answers) or when nothing was written.
      const plain = !claimed && !decision.action;
      const after = plain && changesReport(patch) ? decision.score : undefined;
      // The snapshot's model is the report at expectedVersion: it lets answers commit in one batch;
      // else the unit alone (the snapshot's report's, or the one an action opened) for the audit lines.
      const known = plain && open ? { model: open.model, unitId: open.unitId } : reportId && unitId ? { unitId } : undefined;
      await this.commit({ userId: user.id, ...(reportId ? { reportId } : {}), ...(expectedVersion !== undefined ? { expectedVersion } : {}), patch }, after, known);
      // A turn that wrote nothing but scored the report (得分, 检查…) leaves its score for the next.
      const score = decision.score;
      if (reportId && expectedVersion !== undefined && !changesReport(patch) && !claimed && score) {
        const [id, version] = [reportId, expectedVersion];
        this.afterReply.defer(() => this.models.scored(id, version, score));
      }
    } catch (e) {
      if (e instanceof DuplicateMessageError) return { replies: [] };
      if (e instanceof AppError && e.code === 'STALE_WRITE') return { replies: await this.stale(user.id, claimed ? { ...msg, messageId: undefined } : msg, e.message, buttons) };
      throw e;
    }
    if (generate && reportId) {
      const ticket = this.builds.join(); // starts now: a follow-up never run holds no place in line
      const building = generateReport(this.host, user.id, reportId, ticket).catch((e: unknown): Reply[] => {
        this.opts.log?.('error', `report build failed: ${e instanceof Error ? e.message : String(e)}`);
        return [{ text: D.buildFailed }];
      });
      const told = zh.builds.queued(ticket.ahead, Math.max(1, Math.ceil(ticket.estimateMs / 1000)));
      return { replies: [...replies, { text: told }], followUp: () => building };
    }
    return { replies };
  }

  /** Someone else changed the same figure since this user's view: say so, store nothing, ask again. */
  private async stale(userId: string, msg: Omit<InboundMessage, 'text'>, message: string, buttons: boolean): Promise<Reply[]> {
    const stored = stateOf(await loadConversation(this.db, userId, msg.channel));
    const { snap, state } = await this.snapshot(userId, stored, buttons);
    const d = resume(snap, state, this.deps, message);
    await this.commit({
      userId,
      patch: { conversation: { channel: msg.channel, state: d.state }, ...(msg.messageId ? { inbound: inboundOf(msg, msg.messageId) } : {}) },
    });
    return d.replies;
  }

  /** The token of the question this person is on in this channel (see question-token.ts). */
  question(channel: string, userExternalId: string): Promise<string> {
    return this.lookups.question(channel, userExternalId);
  }

  /** Progress of the report the user is on (for a progress bar). */
  status(channel: string, userExternalId: string): Promise<{ done: number; total: number; year?: number } | undefined> {
    return this.lookups.status(channel, userExternalId);
  }

  /** A generated file, only for members of the report's unit and its oversight; a template or 汇总表, only for whom it was made. */
  file(fileId: string, userExternalId: string): Promise<ServedFile | undefined> {
    return this.lookups.file(fileId, userExternalId);
  }
}
