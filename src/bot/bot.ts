import { randomUUID } from 'node:crypto';
import { handle, resume, type EngineDeps } from '../dialogs/engine.js';
import { handleImport } from '../dialogs/import-flow.js';
import { progress } from '../dialogs/plan.js';
import { scoreSummary } from '../dialogs/score-summary.js';
import { initialState, stateOf, type Decision, type DialogState, type Reply, type Snapshot } from '../dialogs/types.js';
import { AppError } from '../errors.js';
import { buildInProcess, type BuildReport } from '../export/builder.js';
import { proposalFromModel } from '../import/from-model.js';
import { READ_TIMEOUT_MS } from '../import/limits.js';
import type { readImportFile } from '../import/read-file.js';
import { ImportError, MAX_IMPORT_BYTES, type ImportProposal } from '../import/types.js';
import { AfterReply } from './after-reply.js';
import { WorkerReader } from './file-reader.js';
import { InviteGuard, inviteKeys } from './invite-guard.js';
import { Limiter } from './limiter.js';
import { zh } from '../messages/zh.js';
import { fixed2 } from '../report/format.js';
import { str, type FieldValue, type ReportModel } from '../report/model.js';
import { scoreReport } from '../scoring/engine.js';
import { loadRuleSet } from '../scoring/ruleset-loader.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';
import type { Database } from '../store/db.js';
import { getGeneratedFile, latestGeneratedFile, saveGeneratedFile } from '../store/files.js';
import type { AnswerWrite } from '../store/patch.js';
import { createInvite, createUnit, ensureUser, INVITE_TTL_MS, membershipsOf, redeemInvite, type Role } from '../store/people.js';
import { commitAnswers, type KnownReport } from '../store/fast-commit.js';
import { ReportModelCache } from '../store/model-cache.js';
import { EpochMovedError, epochMoved } from '../store/hot-path.js';
import { commitTurn, DuplicateMessageError, loadConversation, openReport } from '../store/reports.js';
import { loadSession, type Session } from '../store/session.js';
import { SessionCache } from '../store/session-cache.js';
import { changesReport } from '../store/patch.js';
import type { ScoreResult } from '../scoring/result.js';

/**
 * The bot: runs the pure dialogs engine against the store. Every channel (WeCom long connection,
 * WeCom app callback, local web chat, terminal) calls `handleMessage` and sends back the replies.
 * A turn's answers are committed in one transaction before the replies are returned.
 */
export interface InboundMessage {
  channel: string;
  /** The person's id on the channel; stored as `${channel-family}:${id}` by the caller. */
  userExternalId: string;
  userName?: string;
  /** Inbound message id for de-duplication (WeCom retries); unique per channel and person. */
  messageId?: string;
  /** The network address the message came from, where the channel knows it (web chat). */
  address?: string;
  text: string;
  /** Whether the channel shows choices as buttons. */
  buttons?: boolean;
}

/** A file a person sent, in any channel: read, then shown for confirmation (nothing stored yet). */
export interface InboundFile extends Omit<InboundMessage, 'text'> {
  fileName: string;
  content: Uint8Array;
}

/** A file the bot hands out: a generated report (stored) or a template (made for this person). */
export interface ServedFile {
  id: string;
  fileName: string;
  content: Uint8Array;
  size: number;
  createdAt: Date;
}

/** A turn's replies; `followUp` when the turn started something slow (building the report). */
export interface TurnResult {
  replies: Reply[];
  /**
   * The replies that come when the slow part is done (the file). The caller runs it after sending
   * `replies`, outside the turn limiter, so other people's messages are not held up by builds.
   * Never rejects: a failed build is logged and answered with what to do next.
   */
  followUp?: () => Promise<Reply[]>;
}

export interface BotOptions {
  database: Database;
  defaultRuleSetId: string;
  /** Injected for tests; defaults to the real clock. */
  now?: () => Date;
  newId?: () => string;
  ruleSet?: (id: string) => RuleSet;
  /** How DOCX files are built; the server passes a worker thread, tests build in process. */
  build?: BuildReport;
  log?: (level: 'warn' | 'error', msg: string) => void;
  /**
   * How a file is read into a proposal. Default: readImportFile in worker threads (WorkerReader),
   * so reading never holds up other people's turns; tests inject a reader (or readImportFile).
   */
  readFile?: typeof readImportFile;
  /**
   * How long reading one file may take before the person is told it timed out. Default: the
   * reader's own deadline (READ_TIMEOUT_MS) and 10 s more; the worker ends a read at 5 s more.
   */
  readTimeoutMs?: number;
}

const D = zh.dialog;
const F = zh.files;

/** The chat command that asks for the XLSX template: 模板, 下载模板, 要填报模板 … */
const TEMPLATE_COMMAND = /^(?:下载|获取|领取|发送|发|要)?(?:填报)?模板$/;
/** Templates handed out are kept (in this process) this long, at most this many and bytes. */
const TEMPLATE_KEEP_MS = 3600_000;
const TEMPLATE_KEEP_COUNT = 200;
const TEMPLATE_KEEP_BYTES = 64 * 1024 * 1024;

/** `{年度}年度{单位名称}绩效自评填报模板.xlsx`, safe as a file name (as reportFileName). */
function templateFileName(model?: ReportModel): string {
  const year = model?.values['unit.year'];
  const unit = model ? Array.from((str(model.values, 'unit.name') ?? '').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')).slice(0, 80).join('') : '';
  return `${year ? `${String(year)}年度` : ''}${unit}绩效自评填报模板.xlsx`;
}

/**
 * The de-duplication key of an inbound message: its id is unique only per channel and person (two
 * web users' pages may both send `1733…-1`), so the person is part of the key.
 */
function inboundOf(msg: Pick<InboundMessage, 'channel' | 'userExternalId'>, messageId: string) {
  return { channel: msg.channel, messageId: `${msg.userExternalId}\u001f${messageId}` };
}

/** A generated file of an unchanged report is handed out again instead of being built and stored anew. */
const REUSE_FILE_MS = 24 * 3600 * 1000;

export class Bot {
  private readonly db;
  private readonly now: () => Date;
  private readonly deps: EngineDeps;
  private readonly ruleSet: (id: string) => RuleSet;
  /**
   * Report builds are memory-heavy: at most two handed to the builder at a time (the worker
   * builds one, the next one waits there), the rest wait here without a copy of their report.
   */
  private readonly builds = new Limiter(2);
  /**
   * Turns in progress at once. Each loads the user's whole report; with one database writer,
   * hundreds loaded at the same time only wait and hold memory. FIFO, so per-user order holds.
   */
  private readonly turns = new Limiter(8);
  /**
   * Files being read (or templates written) at once. Reading happens before the turn (outside
   * `turns`), so a slow file never holds a turn slot; a spreadsheet unpacked can take many times
   * its size in memory.
   */
  private readonly reads = new Limiter(2);
  private reader: WorkerReader | undefined;
  /** Templates handed out, by file id, with the person they were made for (see `template`). */
  private readonly templates = new Map<string, { user: string; file: ServedFile }>();
  private readonly models = new ReportModelCache();
  private readonly sessions = new SessionCache();
  /** Cache upkeep after a commit, done once the replies are sent (see after-reply.ts). */
  private readonly afterReply: AfterReply;
  private readonly invites: InviteGuard;

  constructor(private readonly opts: BotOptions) {
    this.db = opts.database.db;
    this.now = opts.now ?? (() => new Date());
    this.deps = { newId: opts.newId ?? randomUUID };
    this.ruleSet = opts.ruleSet ?? loadRuleSet;
    this.invites = new InviteGuard({ now: () => this.now().getTime() });
    this.afterReply = new AfterReply((e) => opts.log?.('warn', `cache upkeep failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  /** The cached report model, after any deferred upkeep of the caches. */
  private model(reportId: string, epoch?: number) {
    this.afterReply.settle();
    return this.models.load(this.opts.database, reportId, epoch);
  }

  /**
   * The person, their conversation on this channel and their units: one query per turn, none
   * while the hot path's `epoch` shows that nothing but this process's turns has written since.
   */
  private async session(msg: Omit<InboundMessage, 'text'>, epoch?: number): Promise<Session> {
    this.afterReply.settle();
    const named = (s: Session | undefined): s is Session => s !== undefined && (!msg.userName || s.user.name === msg.userName);
    const cached = this.sessions.get(epoch, msg.userExternalId, msg.channel);
    if (named(cached)) return cached;
    const found = await loadSession(this.opts.database, msg.userExternalId, msg.channel);
    if (named(found)) {
      this.sessions.put(epoch, msg.userExternalId, msg.channel, found);
      return found;
    }
    await ensureUser(this.db, msg.userExternalId, msg.userName);
    return (await loadSession(this.opts.database, msg.userExternalId, msg.channel))!;
  }

  /** Load what the engine may read for this user and channel. */
  private async snapshot(
    userId: string,
    state: DialogState,
    buttons: boolean,
    known?: Session['memberships'],
    epoch?: number,
  ): Promise<{ snap: Snapshot; state: DialogState }> {
    const memberships = known ?? (await membershipsOf(this.db, userId)).map((m) => ({ unitId: m.unitId, unitName: m.unit.name, role: m.role as Role }));
    let report: Snapshot['report'];
    let ruleSetId = this.opts.defaultRuleSetId;
    if (state.reportId) {
      const loaded = await this.model(state.reportId, epoch).catch(() => undefined);
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
   * the model after exactly this patch (the next turn's "before" score). `epoch`: the hot path's
   * epoch at the start of the turn (see ReportModelCache.committed). The cached model follows
   * after the replies are sent; until then it is not trusted (`committing`). `check`: commit only
   * while the hot path is still at this epoch, else EpochMovedError and nothing is written.
   */
  private async commit(
    input: Parameters<typeof commitTurn>[1],
    score?: ScoreResult,
    known?: KnownReport,
    epoch?: number,
    check?: number,
  ): Promise<{ version: number | null }> {
    // earlier commits' upkeep first, so the cache follows the commits in their order
    this.afterReply.settle();
    const { reportId } = input;
    if (reportId) this.models.committing(reportId);
    // the batch checks the epoch inside its transaction; commitTurn cannot
    if (!known && epochMoved(this.opts.database.hot, check)) throw new EpochMovedError();
    const result = known ? await commitAnswers(this.opts.database, input, known, check) : await commitTurn(this.db, input);
    if (reportId) this.afterReply.defer(() => this.models.committed(reportId, result.version, input.patch, score, epoch));
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
    if (TEMPLATE_COMMAND.test(msg.text.trim())) return this.turns.run(() => this.templateTurn(msg));
    return this.turns.run(() => this.turn(msg, (snap, state) => handle(snap, state, msg.text, this.deps)));
  }

  /** 模板: the template as a file reply; the conversation stays where it was. */
  private async templateTurn(msg: InboundMessage): Promise<TurnResult> {
    if (msg.messageId) {
      // a repeated delivery sends nothing more
      const { user } = await this.session(msg);
      try {
        await this.commit({ userId: user.id, patch: { inbound: inboundOf(msg, msg.messageId) } });
      } catch (e) {
        if (e instanceof DuplicateMessageError) return { replies: [] };
        throw e;
      }
    }
    return { replies: await this.template(msg.userExternalId, msg.channel) };
  }

  /**
   * The XLSX template (import/template.ts writeTemplate, in the file threads), pre-filled with the
   * report the person is on in this channel, if any, as a file reply. It is not stored: it is kept
   * in this process for an hour for the person (Bot.file), which is as long as a channel needs to
   * send it (a web link to it works on this instance only).
   */
  async template(userExternalId: string, channel: string): Promise<Reply[]> {
    const session = await this.session({ channel, userExternalId });
    const { snap } = await this.snapshot(session.user.id, stateOf(session.state), false, session.memberships);
    const model = snap.report?.model;
    // in a file thread, counted with the reads (at most two such threads busy at once)
    const content = await this.reads.run(() => (this.reader ??= new WorkerReader()).template(model));
    const fileName = templateFileName(model);
    const id = `template-${randomUUID()}`;
    this.keepTemplate(userExternalId, { id, fileName, content, size: content.byteLength, createdAt: this.now() });
    return [{ text: F.template(fileName), file: { fileId: id, fileName } }];
  }

  private keepTemplate(user: string, file: ServedFile): void {
    this.templates.set(file.id, { user, file });
    const old = this.now().getTime() - TEMPLATE_KEEP_MS;
    let bytes = 0;
    for (const t of this.templates.values()) bytes += t.file.size;
    // oldest first (insertion order)
    for (const [id, t] of this.templates) {
      if (t.file.createdAt.getTime() >= old && this.templates.size <= TEMPLATE_KEEP_COUNT && bytes <= TEMPLATE_KEEP_BYTES) break;
      if (id === file.id) break;
      this.templates.delete(id);
      bytes -= t.file.size;
    }
  }

  /**
   * A file the person sent. It is read first (outside the turn limiter, at most two at a time,
   * within `readTimeoutMs`); then, like a text turn, the confirm flow (handleImport) decides on
   * the loaded snapshot and its decision is committed: conversation state, answers only if the
   * decision has any, the message id (a repeated delivery does nothing). A file that cannot be
   * read is an ImportError, which handleImport says to the person. Callers serialise per person.
   */
  async handleFile(msg: InboundFile): Promise<TurnResult> {
    const read = await this.read(msg.fileName, msg.content);
    const detail =
      read instanceof ImportError
        ? { fileName: msg.fileName, size: msg.content.byteLength, error: read.code }
        : { fileName: msg.fileName, size: msg.content.byteLength, kind: read.kind, values: read.values.length, items: read.items.length };
    return this.turns.run(() => this.turn(msg, (snap, state) => handleImport(snap, state, read, this.deps), [{ action: 'file.read', detail }]));
  }

  /** End the file-reading threads (shutdown; idle ones never keep the process alive). */
  async close(): Promise<void> {
    await this.reader?.close();
  }

  /** A file's proposal, or why it could not be read (never throws). */
  private async read(fileName: string, content: Uint8Array): Promise<ImportProposal | ImportError> {
    if (content.byteLength > MAX_IMPORT_BYTES) return new ImportError('IMPORT_TOO_LARGE', F.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024));
    const reader = this.opts.readFile ?? (this.reader ??= new WorkerReader()).read;
    const ms = this.opts.readTimeoutMs ?? READ_TIMEOUT_MS + 10_000;
    return this.reads.run(async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ImportError('IMPORT_TIMEOUT', F.timeout)), ms);
      });
      try {
        return await Promise.race([reader(fileName, content), timeout]);
      } catch (e) {
        if (e instanceof ImportError) {
          if (e.code === 'IMPORT_TIMEOUT') this.opts.log?.('warn', `reading a file took over ${ms} ms: ${fileName}`);
          return e;
        }
        // a reader's bug: the person is told the file could not be read, the operator why
        this.opts.log?.('error', `reading a file failed: ${fileName}: ${e instanceof Error ? e.message : String(e)}`);
        return new ImportError('IMPORT_CORRUPT', F.readFailed);
      } finally {
        clearTimeout(timer);
      }
    });
  }

  /**
   * Optimistic reads: a first run trusts the caches at the epoch the hot path last saw, without
   * reading it now. Before anything is written (inside the turn's own transaction, or before an
   * action) the epoch is checked; if anything else wrote in between, nothing is written and the
   * turn runs again at the epoch read now (`attempt` 1), and once more without any cache.
   */
  private async turn(
    msg: Omit<InboundMessage, 'text'>,
    decide: (snap: Snapshot, state: DialogState) => Decision,
    extraAudit: { action: string; detail: unknown }[] = [],
    attempt = 0,
  ): Promise<TurnResult> {
    const hot = this.opts.database.hot;
    const epoch = attempt === 0 ? hot.knownEpoch() : attempt === 1 ? hot.epoch() : undefined;
    // A repeated delivery is refused when its message id is claimed (in the turn's transaction,
    // or before an action): no separate look-up on the hot path.
    const session = await this.session(msg, epoch);
    const user = session.user;
    const stored = stateOf(session.state);
    const buttons = msg.buttons ?? false;
    const loaded = await this.snapshot(user.id, stored, buttons, session.memberships, epoch);
    let decision = decide(loaded.snap, loaded.state);
    const replies: Reply[] = [...decision.replies];
    const audit: { action: string; detail: unknown }[] = [...extraAudit];
    let reportId = loaded.snap.report?.id;
    let expectedVersion = loaded.snap.report?.version;
    let generate = false;
    let claimed = false;

    const acting = decision.action !== undefined;
    if (decision.action) {
      // the action writes through Prisma, outside the turn's transaction: check the epoch first
      if (epochMoved(hot, epoch)) return this.turn(msg, decide, extraAudit, attempt + 1);
      // Actions (create a unit, redeem an invite …) are not part of the turn's transaction, so the
      // message id is claimed first: a second delivery, even on another instance, does nothing.
      if (msg.messageId) {
        try {
          await this.commit({ userId: user.id, patch: { inbound: inboundOf(msg, msg.messageId) } });
        } catch (e) {
          if (e instanceof DuplicateMessageError) return { replies: [] };
          throw e;
        }
        claimed = true;
      }
      const out = await this.perform(user.id, decision, buttons, msg.address);
      replies.push(...out.replies);
      decision = out.decision;
      audit.push(...out.audit);
      generate = out.generate;
      if (out.reportId) {
        reportId = out.reportId;
        expectedVersion = out.version;
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
      ...(msg.messageId && !claimed ? { inbound: inboundOf(msg, msg.messageId) } : {}),
      audit,
    };
    try {
      // The engine's score is of the snapshot model plus exactly this patch; not after an action
      // (which may have written more, e.g. prefilled answers) or when nothing was written.
      const plain = !claimed && !decision.action;
      const after = plain && changesReport(patch) ? decision.score : undefined;
      // The snapshot's model is the report at expectedVersion: it lets answers commit in one batch.
      const known = plain && loaded.snap.report ? { model: loaded.snap.report.model, unitId: loaded.snap.report.unitId } : undefined;
      // the cached session is not served while its conversation is being replaced (after any
      // deferred upkeep, which could put an older one back)
      this.afterReply.settle();
      this.sessions.forget(msg.userExternalId, msg.channel);
      // an action's own writes have moved the epoch: it was checked before them
      const check = acting ? undefined : epoch;
      await this.commit({ userId: user.id, ...(reportId ? { reportId } : {}), ...(expectedVersion !== undefined ? { expectedVersion } : {}), patch }, after, known, epoch, check);
      // Stamped with the turn's epoch: if this commit (or anything since the turn began) went
      // elsewhere than the hot path, the epoch has moved and the entry is never served.
      const next = { ...session, state: decision.state };
      if (plain) this.afterReply.defer(() => this.sessions.put(epoch, msg.userExternalId, msg.channel, next));
      // A turn that wrote nothing but scored the report (得分, 检查…) leaves its score for the next.
      const score = decision.score;
      if (reportId && expectedVersion !== undefined && !changesReport(patch) && !claimed && score) {
        const [id, version] = [reportId, expectedVersion];
        this.afterReply.defer(() => this.models.scored(id, version, score));
      }
    } catch (e) {
      if (e instanceof EpochMovedError) return this.turn(msg, decide, extraAudit, attempt + 1);
      if (e instanceof DuplicateMessageError) return { replies: [] };
      if (e instanceof AppError && e.code === 'STALE_WRITE') return { replies: await this.stale(user.id, claimed ? { ...msg, messageId: undefined } : msg, e.message, buttons) };
      throw e;
    }
    if (generate && reportId) {
      const id = reportId;
      const followUp = () =>
        this.generate(user.id, id).catch((e: unknown): Reply[] => {
          this.opts.log?.('error', `report build failed: ${e instanceof Error ? e.message : String(e)}`);
          return [{ text: D.buildFailed }];
        });
      return { replies: [...replies, { text: D.generating }], followUp };
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

  private async perform(userId: string, decision: Decision, buttons: boolean, address?: string) {
    const action = decision.action!;
    const replies: Reply[] = [];
    const audit: { action: string; detail: unknown }[] = [];
    const prefill: AnswerWrite[] = [];
    let state = decision.state;
    let reportId: string | undefined;
    let version: number | undefined;
    let generate = false;
    /** A new year's report of a unit that has an earlier one: that report, offered as a proposal. */
    let earlier: { id: string; year: number } | undefined;
    const resumeWith = async (s: DialogState): Promise<Decision> => {
      const { snap, state: st } = await this.snapshot(userId, s, buttons);
      if (!earlier || !snap.report) return resume(snap, st, this.deps);
      // its unchanged facts and texts go through the confirm flow, like a file of last year's report
      const { model } = await this.model(earlier.id);
      return handleImport(snap, st, proposalFromModel(model, earlier.year), this.deps);
    };
    try {
      switch (action.kind) {
        case 'createUnit': {
          const unit = await createUnit(this.db, { name: action.name, rank: action.rank, ruleSetId: this.opts.defaultRuleSetId, adminUserId: userId });
          replies.push({ text: D.unitCreated(unit.name) });
          state = { ...state, unitId: unit.id, step: { kind: 'year' } };
          break;
        }
        case 'joinUnit': {
          const keys = inviteKeys(userId, address);
          const wait = this.invites.waitMs(keys);
          if (wait > 0) throw new AppError('INVITE_TOO_MANY_TRIES', zh.store.inviteTooManyTries(Math.ceil(wait / 60_000)));
          const m = await redeemInvite(this.db, { code: action.code, userId, now: this.now() }).catch((e: unknown) => {
            if (e instanceof AppError && e.code === 'INVITE_INVALID') this.invites.fail(keys);
            throw e;
          });
          const unit = await this.db.unit.findUnique({ where: { id: m.unitId } });
          replies.push({ text: D.joined(unit?.name ?? '', D.roles[m.role] ?? m.role) });
          state = { ...initialState(), unitId: m.unitId, step: { kind: 'year' } };
          break;
        }
        case 'createInvite': {
          const unitId = state.unitId ?? (await membershipsOf(this.db, userId))[0]?.unitId;
          if (!unitId) throw new AppError('FORBIDDEN', zh.store.forbidden);
          const inv = await createInvite(this.db, { unitId, byUserId: userId, now: this.now() });
          replies.push({ text: D.invite(inv.code, Math.round(INVITE_TTL_MS / 86_400_000)) });
          audit.push({ action: 'invite.create', detail: { code: inv.code } });
          break;
        }
        case 'openReport': {
          const memberships = await membershipsOf(this.db, userId);
          const m = memberships.find((x) => x.unitId === state.unitId) ?? memberships[0];
          if (!m) {
            replies.push({ text: D.noReport });
            break;
          }
          const rs = this.ruleSet(m.unit.ruleSetId);
          const existing = await this.db.report.findUnique({ where: { unitId_year: { unitId: m.unitId, year: action.year } } });
          if (!existing) {
            const before = await this.db.report.findFirst({ where: { unitId: m.unitId, year: { lt: action.year } }, orderBy: { year: 'desc' }, select: { id: true, year: true } });
            if (before) earlier = before;
          }
          const report = await openReport(this.db, m.unitId, action.year, { id: rs.id, version: rs.version });
          replies.push({ text: D.reportOpened(action.year, m.unit.name, existing !== null) });
          if (report.id !== state.reportId) state = { ...initialState(), unitId: m.unitId, reportId: report.id, step: { kind: 'done' } };
          reportId = report.id;
          version = report.version;
          // The unit's name, rank and the year are known already: never ask them again.
          const { model } = await this.model(report.id);
          const known: [string, FieldValue | null | undefined][] = [
            ['unit.name', m.unit.name],
            ['unit.year', action.year],
            ['unit.rank', m.unit.rank],
          ];
          for (const [key, value] of known) if (value !== null && value !== undefined && model.values[key] === undefined) prefill.push({ fieldKey: key, value });
          audit.push({ action: 'report.open', detail: { year: action.year } });
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
        // commit the prefilled answers first so the next question skips them
        const r = await this.commit({ userId, reportId, patch: { answers: prefill } });
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
    return { replies, decision: next, audit, reportId, version, generate };
  }

  private async generate(userId: string, reportId: string): Promise<Reply[]> {
    const { model, report } = await this.model(reportId);
    const score = scoreReport(model, this.ruleSet(report.ruleSetId));
    // The same version of the report was built lately: hand out that file (its bytes differ only
    // by the time they carry), rather than build and store another copy on every 确认生成.
    const since = new Date(this.now().getTime() - REUSE_FILE_MS);
    let file = await latestGeneratedFile(this.db, reportId, report.version, since);
    if (!file) {
      const build = this.opts.build ?? buildInProcess;
      const built = await this.builds.run(() => build(model, score, { createdAt: this.now() }));
      ({ file } = await saveGeneratedFile(this.db, { reportId, reportVersion: report.version, fileName: built.fileName, content: built.content, userId }));
    }
    await this.commit({ userId, reportId, patch: { audit: [{ action: 'report.generate', detail: { fileId: file.id, sha256: file.sha256 } }] } });
    return [
      { text: D.generated(file.fileName, fixed2(score.total), score.complete ? score.grade : `${score.grade}，${zh.grade.provisional}`), file: { fileId: file.id, fileName: file.fileName } },
      { text: scoreSummary(score) },
    ];
  }

  /** Progress of the report the user is on (for a progress bar). */
  async status(channel: string, userExternalId: string): Promise<{ done: number; total: number; year?: number } | undefined> {
    const user = await this.db.user.findUnique({ where: { externalId: userExternalId } });
    if (!user) return undefined;
    const { snap } = await this.snapshot(user.id, stateOf(await loadConversation(this.db, user.id, channel)), false);
    if (!snap.report) return undefined;
    const p = progress(snap.report.model);
    return { done: p.reduce((s, x) => s + x.done, 0), total: p.reduce((s, x) => s + x.total, 0), year: snap.report.year };
  }

  /** A generated file, only for members of the report's unit; a template, only for whom it was made. */
  async file(fileId: string, userExternalId: string): Promise<ServedFile | undefined> {
    const template = this.templates.get(fileId);
    if (template) return template.user === userExternalId && this.now().getTime() - template.file.createdAt.getTime() <= TEMPLATE_KEEP_MS ? template.file : undefined;
    const user = await this.db.user.findUnique({ where: { externalId: userExternalId } });
    const file = await getGeneratedFile(this.db, fileId);
    if (!user || !file) return undefined;
    const report = await this.db.report.findUnique({ where: { id: file.reportId } });
    const member = report && (await this.db.membership.findUnique({ where: { unitId_userId: { unitId: report.unitId, userId: user.id } } }));
    return member ? file : undefined;
  }
}
