import { randomUUID } from 'node:crypto';
import { WSAuthFailureError, WSClient, WSReconnectExhaustedError } from '@wecom/aibot-node-sdk';
import type { Reply } from '../dialogs/types.js';
import { MAX_IMPORT_BYTES } from '../import/types.js';
import { zh } from '../messages/zh.js';
import { unlimited, type Budget } from '../store/send-budget.js';
import { Backoff } from './backoff.js';
import type { Bot, TurnResult } from './bot.js';
import { joinReplies, lastChoices, splitByBytes } from './outbound.js';
import { cardTaskId, tokenOfTaskId } from './question-token.js';
import type { UserQueues } from './queue.js';
import { choiceCard, MAX_BUTTONS, settledCard } from './wecom-ws-cards.js';
import { receiveFile, sendFile } from './wecom-ws-files.js';
import { pushPictures } from './wecom-ws-picture.js';
import { addressedText, describe, eventDetails, fileOf, textOf, userOf, type Frame } from './wecom-ws-frames.js';

export { fileOf } from './wecom-ws-frames.js';

/**
 * WeCom 智能机器人 over the long connection (@wecom/aibot-node-sdk). A thin adapter: it turns
 * callback frames into Bot messages and Bot replies into frames; the dialogs decide.
 * See ../shared/wecom/README.md for the wire. What WeCom accepts, and this follows:
 * - one passive reply per message callback: its text as one stream; cards, files and anything
 *   more are pushed with aibot_send_msg (proactive, counted against the person's budget);
 * - a click event is answered only by updating the clicked card (aibot_respond_update_msg),
 *   first and within 5 s; the answer to the click is pushed;
 * - only one connection per bot: `disconnected_event` means another took over (onReplaced).
 */
export interface WecomWsOptions {
  bot: Bot;
  queues: UserQueues;
  botId: string;
  secret: string;
  wsUrl?: string;
  /** Passed to the SDK; tests shorten the timers. `reconnectCapMs`: the back-off's cap (30 s). */
  sdk?: { heartbeatInterval?: number; reconnectInterval?: number; requestTimeout?: number; reconnectCapMs?: number };
  /** Proactive sends per person (store/send-budget.ts); unlimited when absent. */
  budget?: Budget;
  /** Another connection for this bot took over (disconnected_event): see bot/leader.ts. */
  onReplaced?: () => void;
  log?: (level: 'info' | 'warn' | 'error', msg: string) => void;
  /** The clock of health() (tests). */
  now?: () => number;
}

export interface ChannelHealth {
  enabled: boolean;
  connected: boolean;
  authenticated: boolean;
  lastError: string | null;
  /** Another connection for this bot took over (disconnected_event). */
  replacedAt: string | null;
  /** Since when the connection is wanted but not authenticated (null while it is, or while stopped). */
  downSince: string | null;
  /** False when the connection has been wanted but down for more than DOWN_MS: /healthz answers 503. */
  healthy: boolean;
}

export const CHANNEL = 'wecom-bot';
/** A stream message holds at most 20480 bytes of markdown. */
const STREAM_MAX = 20_000;
/** Encrypted, a file is padded (PKCS#7) to a multiple of 32 bytes: at most 32 more. */
const MAX_DOWNLOAD_BYTES = MAX_IMPORT_BYTES + 32;
/** Down for longer than this, /healthz says so. */
export const DOWN_MS = 30_000;
/** Proactive sends kept for files: below this many left, choices go into the text, not a card. */
const FILE_RESERVE = 2;
/** SDK lines that are our own reconnect policy at work, not errors. */
const OUR_POLICY = /Max (reconnect|auth failure) attempts reached/;

export class WecomWsChannel {
  readonly client: WSClient;
  private readonly state = { connected: false, authenticated: false, lastError: null as string | null, replacedAt: null as string | null };
  private readonly budget: Budget;
  private readonly backoff: Backoff;
  private readonly now: () => number;
  /** The connection is wanted (started, not stopped, not replaced). */
  private running = false;
  private downSince: number | null = null;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly opts: WecomWsOptions) {
    const log = opts.log ?? (() => undefined);
    this.budget = opts.budget ?? unlimited;
    this.now = opts.now ?? Date.now;
    this.backoff = new Backoff(opts.sdk?.reconnectInterval ?? 1_000, opts.sdk?.reconnectCapMs ?? 30_000);
    // The SDK logs `message, ...args` (e.g. 'WebSocket error:', error.message): keep every part.
    const line = (m: unknown, args: unknown[]) => [m, ...args].map((x) => (typeof x === 'string' ? x : describe(x))).join(' ');
    const sdkLog = (level: 'info' | 'warn' | 'error') => (m: unknown, ...args: unknown[]) => {
      const text = line(m, args);
      log(OUR_POLICY.test(text) ? 'info' : level, `wecom sdk: ${text}`);
    };
    const { reconnectCapMs: _cap, ...sdk } = opts.sdk ?? {};
    this.client = new WSClient({
      botId: opts.botId,
      secret: opts.secret,
      ...(opts.wsUrl ? { wsUrl: opts.wsUrl } : {}),
      ...sdk,
      // Reconnecting is ours (forever, with jitter): the SDK gives up at once and says so.
      maxReconnectAttempts: 0,
      maxAuthFailureAttempts: 0,
      logger: { debug: () => undefined, info: sdkLog('info'), warn: sdkLog('warn'), error: sdkLog('error') },
    });
    const c = this.client;
    c.on('connected', () => (this.state.connected = true));
    c.on('authenticated', () => {
      this.state.authenticated = true;
      this.state.lastError = null;
      this.downSince = null;
      this.backoff.reset();
    });
    c.on('disconnected', (reason) => {
      this.state.connected = false;
      this.state.authenticated = false;
      if (this.running) this.downSince ??= this.now();
      log('warn', `wecom long connection closed: ${reason}`);
    });
    c.on('error', (e) => {
      if (e instanceof WSReconnectExhaustedError || e instanceof WSAuthFailureError) return this.reconnectLater();
      this.state.lastError = describe(e);
    });
    c.on('message', (frame) => void this.onMessage(frame as unknown as Frame).catch((e) => this.fail(e)));
    c.on('event.enter_chat', (frame) => void this.onEnter(frame as unknown as Frame).catch((e) => this.fail(e)));
    c.on('event.template_card_event', (frame) => void this.onClick(frame as unknown as Frame).catch((e) => this.fail(e)));
    c.on('event.disconnected_event', () => {
      // The SDK stops reconnecting; so do we. Whoever runs this channel decides what comes next.
      this.state.replacedAt = new Date(this.now()).toISOString();
      this.running = false;
      this.downSince = null;
      clearTimeout(this.retry);
      log('warn', zh.wecom.replacedLog);
      opts.onReplaced?.();
    });
    // The SDK downloads a file whole into memory with no size limit (axios, maxContentLength -1).
    // Its HTTP client is not public: limit it where it is, so a download is cut off at 20 MB.
    const http = (c as unknown as { apiClient?: { httpClient?: { defaults?: { maxContentLength?: number } } } }).apiClient?.httpClient?.defaults;
    if (http) http.maxContentLength = MAX_DOWNLOAD_BYTES;
    else log('warn', 'wecom long connection: the SDK file download could not be size-limited; files are checked after download');
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.state.replacedAt = null;
    this.downSince = this.now();
    this.backoff.reset();
    this.client.connect();
  }

  stop(): void {
    this.running = false;
    this.downSince = null;
    clearTimeout(this.retry);
    this.client.disconnect();
    this.state.connected = false;
    this.state.authenticated = false;
  }

  health(): ChannelHealth {
    const down = this.downSince !== null && this.now() - this.downSince > DOWN_MS;
    // replaced and nobody to hand over to: this instance does not serve the bot
    const orphaned = this.state.replacedAt !== null && !this.opts.onReplaced;
    return {
      enabled: true,
      ...this.state,
      downSince: this.downSince === null ? null : new Date(this.downSince).toISOString(),
      healthy: !down && !orphaned,
    };
  }

  /** The SDK gave up on this connection (by our settings, at once): try again after the back-off. */
  private reconnectLater(): void {
    if (!this.running) return;
    clearTimeout(this.retry);
    const wait = this.backoff.next();
    this.opts.log?.('info', `wecom long connection: reconnecting in ${wait} ms (attempt ${this.backoff.attempts})`);
    this.retry = setTimeout(() => {
      if (!this.running) return;
      this.client.disconnect();
      this.client.connect();
    }, wait);
    this.retry.unref?.();
  }

  private fail(e: unknown): void {
    this.state.lastError = describe(e);
    this.opts.log?.('error', `wecom long connection: ${this.state.lastError}`);
  }

  private async onMessage(frame: Frame): Promise<void> {
    const body = frame.body ?? {};
    const user = userOf(body);
    if (!user) return;
    const messageId = String(body.msgid ?? '');
    // A file (in a group only an addressed message reaches the bot, and a file carries no text).
    const file = fileOf(body);
    if (file) {
      await this.opts.queues.run(user, () => this.answer(frame, user, () => receiveFile(this.client, this.opts.bot, { user, messageId, file, channel: CHANNEL }, this.opts.log)));
      return;
    }
    const raw = textOf(body);
    if (raw === undefined) {
      const media = ['image', 'video', 'mixed'].includes(String(body.msgtype));
      await this.client.replyStream(frame, randomUUID(), media ? `${zh.files.notAFile}${zh.files.accepted}` : zh.wecom.unsupported, true);
      return;
    }
    const text = addressedText(body, raw);
    if (text === undefined) return;
    await this.opts.queues.run(user, () =>
      this.answer(frame, user, () => this.opts.bot.handleTurn({ channel: CHANNEL, userExternalId: user, text, messageId, buttons: true, ...(body.chattype === 'group' ? { group: true } : {}) })),
    );
  }

  /** Run a turn (inside the person's queue) and answer the callback with one stream. */
  private async answer(frame: Frame, user: string, run: () => Promise<TurnResult>): Promise<void> {
    await this.inbound(user);
    let turn: TurnResult;
    try {
      turn = await run();
    } catch (e) {
      // The turn was rolled back: say so rather than stay silent.
      this.fail(e);
      await this.client.replyStream(frame, randomUUID(), zh.wecom.failed, true);
      return;
    }
    if (turn.replies.length === 0 && !turn.followUp) return; // a repeated delivery: already answered
    const stream = randomUUID();
    const slow = turn.followUp !== undefined || turn.replies.some((r) => r.file);
    if (!slow) return this.reply(frame, user, stream, turn.replies);
    // Something slow follows (the report, a file): the user sees the open stream at once; the
    // files are pushed, then the same stream is finished (WeCom keeps a stream open ~6 min).
    await this.client.replyStream(frame, stream, joinReplies(turn.replies), false);
    const more = turn.followUp ? await turn.followUp() : [];
    const all = [...turn.replies, ...more];
    const notes = await this.pushFiles(user, all);
    await this.reply(frame, user, stream, [...more, ...notes.map((text) => ({ text }))], joinReplies(turn.replies));
  }

  /**
   * The passive reply: the text as one stream (`before`: text already shown in it), choices as a
   * pushed card while the person's budget allows one, else as a numbered list in the text.
   */
  private async reply(frame: Frame, user: string, stream: string, replies: Reply[], before?: string): Promise<void> {
    const choices = lastChoices(replies);
    const card = choices && choices.length <= MAX_BUTTONS && (await this.budget.left(user)) > FILE_RESERVE;
    let text = [before, joinReplies(replies)].filter(Boolean).join('\n\n');
    if (choices && !card) text += `\n${numbered(choices)}`;
    const [first, ...rest] = splitByBytes(text, STREAM_MAX);
    await this.client.replyStream(frame, stream, first ?? '', true);
    for (const piece of rest) await this.push(user, { msgtype: 'markdown', markdown: { content: piece } });
    await pushPictures(this.client, this.budget, user, replies, FILE_RESERVE + (card ? 1 : 0), this.opts.log);
    if (card) await this.pushCard(user, choices);
  }

  /** Push a choice card naming the question it asks; if refused, the choices as text. */
  private async pushCard(user: string, choices: string[]): Promise<void> {
    const taskId = cardTaskId(await this.opts.bot.question(CHANNEL, user), randomUUID());
    const sent = await this.push(user, { msgtype: 'template_card', template_card: choiceCard(choices, taskId) });
    if (!sent) await this.push(user, { msgtype: 'markdown', markdown: { content: numbered(choices) } });
  }

  /** A proactive send, counted; false when the budget is spent or WeCom refused it (logged). */
  private async push(user: string, body: Record<string, unknown>): Promise<boolean> {
    if (!(await this.budget.take(user))) {
      this.opts.log?.('warn', `wecom: no proactive send left today for ${user}; ${String(body.msgtype)} not sent`);
      return false;
    }
    try {
      await this.client.sendMessage(user.slice('wecom:'.length), body as never);
      return true;
    } catch (e) {
      this.opts.log?.('warn', `wecom: ${String(body.msgtype)} to ${user} refused: ${describe(e)}`);
      return false;
    }
  }

  /** Push every file of the replies; what the person should know about those that did not go. */
  private async pushFiles(user: string, replies: Reply[]): Promise<string[]> {
    const notes: string[] = [];
    for (const r of replies) {
      if (!r.file) continue;
      const file = await this.opts.bot.file(r.file.fileId, user);
      if (!file) continue;
      let sent = false;
      if (await this.budget.take(user)) {
        try {
          await sendFile(this.client, user.slice('wecom:'.length), file, () => this.state.authenticated, (e) => this.fail(e));
          sent = true;
        } catch (e) {
          this.opts.log?.('warn', `wecom: file ${file.fileName} to ${user} not sent: ${describe(e)}`);
        }
      } else this.opts.log?.('warn', `wecom: no proactive send left today for ${user}; file ${file.fileName} not sent`);
      if (!sent) notes.push(zh.wecom.fileNotSent(file.fileName));
    }
    return notes;
  }

  private async onEnter(frame: Frame): Promise<void> {
    const user = userOf(frame.body ?? {});
    if (!user) return;
    await this.opts.queues.run(user, async () => {
      await this.inbound(user);
      const replies = await this.opts.bot.enter({ channel: CHANNEL, userExternalId: user, buttons: true });
      // The welcome must go out within 5 s, as plain text (its only reply); buttons follow as a pushed card.
      const choices = lastChoices(replies);
      const card = choices && choices.length <= MAX_BUTTONS && (await this.budget.left(user)) > FILE_RESERVE;
      const text = joinReplies(replies) + (choices && !card ? `\n${numbered(choices)}` : '');
      await this.client.replyWelcome(frame, { msgtype: 'text', text: { content: text } });
      if (card) await this.pushCard(user, choices);
    });
  }

  /**
   * A button click. The card is updated first (the event's only reply, within 5 s): chosen, or
   * expired when its task_id names another question than the person's current one. Then, in the
   * person's queue, the click is handled like the typed choice, checked once more against the
   * current question; its answer is pushed (an event cannot be answered with a stream).
   */
  private async onClick(frame: Frame): Promise<void> {
    const body = frame.body ?? {};
    const user = userOf(body);
    const { key, taskId } = eventDetails(body);
    if (!user || !key || !taskId) {
      this.opts.log?.('warn', `wecom: card event without ${!user ? 'user' : !key ? 'event_key' : 'task_id'} ignored`);
      return;
    }
    await this.inbound(user);
    const token = tokenOfTaskId(taskId);
    const current = token ? await this.opts.bot.question(CHANNEL, user).catch(() => undefined) : undefined;
    const expired = !token || (current !== undefined && current !== token);
    const affordable = (await this.budget.left(user)) >= 1;
    const label = expired ? zh.wecom.expiredCard : affordable ? zh.wecom.chosen(key) : zh.wecom.typeInstead(key);
    try {
      await this.client.updateTemplateCard(frame, settledCard(key, taskId, label), [user.slice('wecom:'.length)]);
    } catch (e) {
      // the card stays as it was; the click is still handled
      this.opts.log?.('warn', `wecom: card ${taskId} of ${user} not updated: ${describe(e)}`);
    }
    if (!affordable) return; // the person types the choice instead: a passive reply costs nothing
    await this.opts.queues.run(user, async () => {
      if (expired || (await this.opts.bot.question(CHANNEL, user)) !== token) return this.expiredClick(user);
      const messageId = `card:${taskId}`;
      let turn: TurnResult;
      try {
        turn = await this.opts.bot.handleTurn({ channel: CHANNEL, userExternalId: user, text: key, messageId, buttons: true });
      } catch (e) {
        // The turn was rolled back: say so, as for a typed message, rather than stay silent.
        this.fail(e);
        return this.pushReplies(user, [{ text: zh.wecom.failed }]);
      }
      await this.pushReplies(user, turn.replies);
      // a build follows (确认生成): the person has been told their place in line before it is awaited
      if (turn.followUp) await this.pushReplies(user, await turn.followUp());
    });
  }

  /** A stale click: nothing stored; the person is told, and shown the current question. */
  private async expiredClick(user: string): Promise<void> {
    const replies = await this.opts.bot.enter({ channel: CHANNEL, userExternalId: user, buttons: true });
    await this.pushReplies(user, [{ text: zh.wecom.expired }, ...replies]);
  }

  /** Replies to an event, all pushed: text as markdown, the choices as a card or a numbered list, files. */
  private async pushReplies(user: string, replies: Reply[]): Promise<void> {
    if (replies.length === 0) return;
    const choices = lastChoices(replies);
    const notes = await this.pushFiles(user, replies);
    const card = choices && choices.length <= MAX_BUTTONS && (await this.budget.left(user)) > FILE_RESERVE + 1;
    let text = [joinReplies(replies), ...notes].filter(Boolean).join('\n\n');
    if (choices && !card) text += `\n${numbered(choices)}`;
    for (const piece of splitByBytes(text, STREAM_MAX)) await this.push(user, { msgtype: 'markdown', markdown: { content: piece } });
    await pushPictures(this.client, this.budget, user, replies, FILE_RESERVE + (card ? 1 : 0), this.opts.log);
    if (card) await this.pushCard(user, choices);
  }

  private async inbound(user: string): Promise<void> {
    await this.budget.inbound(user).catch((e: unknown) => this.fail(e));
  }

}

const numbered = (choices: string[]): string => choices.map((c, i) => `${i + 1}. ${c}`).join('\n');
