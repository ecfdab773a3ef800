import { randomUUID } from 'node:crypto';
import { progress } from '../dialogs/plan.js';
import { initialState, stateOf, type DialogState, type Reply, type Snapshot } from '../dialogs/types.js';
import { zh } from '../messages/zh.js';
import type { Database } from '../store/db.js';
import { getGeneratedFile, newestGeneratedFile } from '../store/files.js';
import { canOversee } from '../store/oversight.js';
import { loadConversation } from '../store/reports.js';
import { loadSession, type Session } from '../store/session.js';
import type { InboundMessage, ServedFile, TurnResult } from './bot-types.js';
import type { FileIntake } from './file-intake.js';
import { questionToken } from './question-token.js';
import { TemplateCache, templateFileName } from './template-cache.js';

/** 下载报告 / 重发报告: send the newest report file again. */
/**
 * The de-duplication key of an inbound message: its id is unique only per channel and person (two
 * web users' pages may both send `1733…-1`), so the person is part of the key.
 */
export function inboundOf(msg: Pick<InboundMessage, 'channel' | 'userExternalId'>, messageId: string) {
  return { channel: msg.channel, messageId: `${msg.userExternalId}\u001f${messageId}` };
}

export const RESEND_COMMAND = /^(?:下载|重发|重新发送|再发|发送)(?:一下|一次)?报告$/;

/** What the look-ups take from the bot (see Bot). */
export interface LookupHost {
  database: Database;
  now: () => Date;
  /** Deferred cache upkeep done first (see after-reply.ts). */
  settle: () => void;
  /** The files threads (templates are written there). */
  files: FileIntake;
  session: (msg: Omit<InboundMessage, 'text'>) => Promise<Session>;
  snapshot: (userId: string, state: DialogState, buttons: boolean, known?: Session['memberships']) => Promise<{ snap: Snapshot; state: DialogState }>;
  /** Claims a message id for a turn that stores nothing else; true for a repeated delivery. */
  repeated: (msg: InboundMessage) => Promise<boolean>;
}

/**
 * What a channel asks of the bot besides answering a message: the file commands 模板 and 下载报告
 * (the conversation stays where it was), a served file, the token of the current question, the
 * progress of the report a person is on.
 */
export class BotLookups {
  /** Templates handed out, by file id, with the person they were made for (see `template`). */
  private readonly templates: TemplateCache;

  constructor(private readonly host: LookupHost) {
    this.templates = new TemplateCache(host.now);
  }

  /** 模板: the template as a file reply; the conversation stays where it was. */
  async templateTurn(msg: InboundMessage): Promise<TurnResult> {
    if (await this.host.repeated(msg)) return { replies: [] };
    return { replies: await this.template(msg.userExternalId, msg.channel) };
  }

  /**
   * 下载报告: the newest report file built for the report the person is on, as a file reply (when
   * a channel could not deliver it, e.g. WeCom's proactive-send cap); the conversation stays.
   */
  async resendTurn(msg: InboundMessage): Promise<TurnResult> {
    if (await this.host.repeated(msg)) return { replies: [] };
    const session = await this.host.session(msg);
    const { snap } = await this.host.snapshot(session.user.id, stateOf(session.state), false, session.memberships);
    const file = snap.report && (await newestGeneratedFile(this.host.database.db, snap.report.id));
    if (!file) return { replies: [{ text: zh.wecom.noReportFile }] };
    return { replies: [{ text: zh.wecom.resent(file.fileName), file: { fileId: file.id, fileName: file.fileName } }] };
  }

  /**
   * The XLSX template (import/template.ts writeTemplate, in the file threads), pre-filled with the
   * report the person is on in this channel, if any, as a file reply. It is not stored: it is kept
   * in this process for an hour for the person (`file`), which is as long as a channel needs to
   * send it (a web link to it works on this instance only).
   */
  async template(userExternalId: string, channel: string): Promise<Reply[]> {
    const session = await this.host.session({ channel, userExternalId });
    const { snap } = await this.host.snapshot(session.user.id, stateOf(session.state), false, session.memberships);
    const model = snap.report?.model;
    // in a file thread, counted with the reads (at most two such threads busy at once)
    const content = await this.host.files.template(model);
    const fileName = templateFileName(model);
    const id = `template-${randomUUID()}`;
    this.templates.keep(userExternalId, { id, fileName, content, size: content.byteLength, createdAt: this.host.now() });
    return [{ text: zh.files.template(fileName), file: { fileId: id, fileName } }];
  }

  /** Keep a file made for one person (a template, an oversight 汇总表) for an hour (see file()). */
  keep(userExternalId: string, file: ServedFile): void {
    this.templates.keep(userExternalId, file);
  }

  /** A generated file, for members of the report's unit and its oversight; a kept file, only for whom it was made. */
  async file(fileId: string, userExternalId: string): Promise<ServedFile | undefined> {
    if (this.templates.has(fileId)) return this.templates.get(fileId, userExternalId);
    const db = this.host.database.db;
    const user = await db.user.findUnique({ where: { externalId: userExternalId } });
    const file = await getGeneratedFile(db, fileId);
    if (!user || !file) return undefined;
    const report = await db.report.findUnique({ where: { id: file.reportId } });
    const member = report && (await db.membership.findUnique({ where: { unitId_userId: { unitId: report.unitId, userId: user.id } } }));
    return member || (report && (await canOversee(db, user.id, report.unitId))) ? file : undefined;
  }

  /** The token of the question this person is on in this channel (see question-token.ts). */
  async question(channel: string, userExternalId: string): Promise<string> {
    this.host.settle();
    // one read on the hot path (asked before every card); a person not yet stored is at the start
    const session = await loadSession(this.host.database, userExternalId, channel);
    return questionToken(userExternalId, session ? stateOf(session.state) : initialState());
  }

  /** Progress of the report the user is on (for a progress bar). */
  async status(channel: string, userExternalId: string): Promise<{ done: number; total: number; year?: number } | undefined> {
    const user = await this.host.database.db.user.findUnique({ where: { externalId: userExternalId } });
    if (!user) return undefined;
    const { snap } = await this.host.snapshot(user.id, stateOf(await loadConversation(this.host.database.db, user.id, channel)), false);
    if (!snap.report) return undefined;
    const p = progress(snap.report.model);
    return { done: p.reduce((s, x) => s + x.done, 0), total: p.reduce((s, x) => s + x.total, 0), year: snap.report.year };
  }
}
