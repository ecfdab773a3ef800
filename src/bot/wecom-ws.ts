import { randomUUID } from 'node:crypto';
import { WSClient, type TemplateCard, type WsFrame } from '@wecom/aibot-node-sdk';
import type { Reply } from '../dialogs/types.js';
import { MAX_IMPORT_BYTES } from '../import/types.js';
import { zh } from '../messages/zh.js';
import type { Bot, TurnResult } from './bot.js';
import { joinReplies, lastChoices, splitByBytes } from './outbound.js';
import type { UserQueues } from './queue.js';

/**
 * WeCom 智能机器人 over the long connection (@wecom/aibot-node-sdk). A thin adapter: it turns
 * callback frames into Bot messages and Bot replies into frames; the dialogs decide.
 * See ../shared/wecom/README.md for the wire.
 */
export interface WecomWsOptions {
  bot: Bot;
  queues: UserQueues;
  botId: string;
  secret: string;
  wsUrl?: string;
  /** Passed to the SDK; tests shorten the timers. */
  sdk?: { heartbeatInterval?: number; reconnectInterval?: number; requestTimeout?: number };
  log?: (level: 'info' | 'warn' | 'error', msg: string) => void;
  /** Another connection took over this bot (disconnected_event): see leader.ts. */
  onReplaced?: () => void;
}

export interface ChannelHealth {
  enabled: boolean;
  connected: boolean;
  authenticated: boolean;
  lastError: string | null;
  /** Another connection for this bot took over (disconnected_event). */
  replacedAt: string | null;
}

export const CHANNEL = 'wecom-bot';
/** A stream message holds at most 20480 bytes of markdown. */
const STREAM_MAX = 20_000;
/** button_interaction cards hold at most 6 buttons. */
const MAX_BUTTONS = 6;
/** Tries to deliver the report when the connection breaks during the upload. */
const FILE_ATTEMPTS = 3;
const RECONNECT_WAIT_MS = 30_000;
/** A file's download and decryption, all in (the SDK's own timeout is per socket inactivity). */
const DOWNLOAD_TIMEOUT_MS = 60_000;
/** Encrypted, a file is padded (PKCS#7) to a multiple of 32 bytes: at most 32 more. */
const MAX_DOWNLOAD_BYTES = MAX_IMPORT_BYTES + 32;
/** When WeCom's download gives no name (Content-Disposition): the reader goes by content. */
const NO_NAME = '文件';

type Frame = WsFrame<Record<string, unknown>>;

function textOf(body: Record<string, unknown>): string | undefined {
  const type = body.msgtype;
  if (type === 'text') return (body.text as { content?: string } | undefined)?.content;
  if (type === 'voice') return (body.voice as { content?: string } | undefined)?.content; // already transcribed
  return undefined;
}

/** A file sent in the chat: `file: {url, aeskey}`, or a file item of a `mixed` message. */
export function fileOf(body: Record<string, unknown>): { url: string; aeskey?: string } | undefined {
  const asFile = (x: unknown) => {
    const f = x as { url?: unknown; aeskey?: unknown } | undefined;
    return f && typeof f.url === 'string' && f.url ? { url: f.url, ...(typeof f.aeskey === 'string' && f.aeskey ? { aeskey: f.aeskey } : {}) } : undefined;
  };
  if (body.msgtype === 'file') return asFile(body.file);
  if (body.msgtype === 'mixed') {
    const items = (body.mixed as { msg_item?: unknown } | undefined)?.msg_item;
    if (!Array.isArray(items)) return undefined;
    for (const item of items as Record<string, unknown>[]) if (item?.msgtype === 'file') return asFile(item.file);
  }
  return undefined;
}

/** The SDK's download refused a body over its size limit (axios maxContentLength). */
const overLimit = (e: unknown): boolean => /maxContentLength/i.test(e instanceof Error ? e.message : String(e));

/** In a group the bot answers only when addressed: the mention is removed from the text. */
function addressedText(body: Record<string, unknown>, raw: string): string | undefined {
  if (body.chattype !== 'group') return raw;
  if (!/@\S+/.test(raw)) return undefined;
  return raw.replace(/@\S+\s*/g, '').trim();
}

/** Event details: WeCom documents them nested under the event type, the SDK's types flat. */
function eventDetails(body: Record<string, unknown>): { type: string; key?: string; taskId?: string } {
  const event = (body.event ?? {}) as Record<string, unknown>;
  const type = String(event.eventtype ?? '');
  const nested = (event[type] ?? {}) as Record<string, unknown>;
  const key = (nested.event_key ?? event.event_key) as string | undefined;
  const taskId = (nested.task_id ?? event.task_id) as string | undefined;
  return { type, ...(key !== undefined ? { key } : {}), ...(taskId !== undefined ? { taskId } : {}) };
}

export class WecomWsChannel {
  readonly client: WSClient;
  private readonly state: ChannelHealth = { enabled: true, connected: false, authenticated: false, lastError: null, replacedAt: null };

  constructor(private readonly opts: WecomWsOptions) {
    const log = opts.log ?? (() => undefined);
    const quiet = { debug: () => undefined, info: (m: string) => log('info', m), warn: (m: string) => log('warn', m), error: (m: string) => log('error', m) };
    this.client = new WSClient({
      botId: opts.botId,
      secret: opts.secret,
      ...(opts.wsUrl ? { wsUrl: opts.wsUrl } : {}),
      ...opts.sdk,
      logger: quiet,
    });
    const c = this.client;
    c.on('connected', () => (this.state.connected = true));
    c.on('authenticated', () => {
      this.state.authenticated = true;
      this.state.lastError = null;
    });
    // The SDK reconnects the same client after every `disconnected`: never replace it.
    c.on('disconnected', (reason) => {
      this.state.connected = false;
      this.state.authenticated = false;
      log('warn', `wecom long connection closed: ${reason}`);
    });
    c.on('error', (e) => (this.state.lastError = e instanceof Error ? e.message : String(e)));
    c.on('message', (frame) => void this.onMessage(frame as unknown as Frame).catch((e) => this.fail(e)));
    c.on('event.enter_chat', (frame) => void this.onEnter(frame as unknown as Frame).catch((e) => this.fail(e)));
    c.on('event.template_card_event', (frame) => void this.onClick(frame as unknown as Frame).catch((e) => this.fail(e)));
    c.on('event.disconnected_event', () => {
      this.state.replacedAt = new Date().toISOString();
      log('warn', 'another connection took over this bot (disconnected_event)');
      opts.onReplaced?.();
    });
    // The SDK downloads a file whole into memory with no size limit (axios, maxContentLength -1).
    // Its HTTP client is not public: limit it where it is, so a download is cut off at 20 MB.
    const http = (c as unknown as { apiClient?: { httpClient?: { defaults?: { maxContentLength?: number } } } }).apiClient?.httpClient?.defaults;
    if (http) http.maxContentLength = MAX_DOWNLOAD_BYTES;
    else log('warn', 'wecom long connection: the SDK file download could not be size-limited; files are checked after download');
  }

  start(): void {
    this.client.connect();
  }

  stop(): void {
    this.client.disconnect();
    this.state.connected = false;
  }

  health(): ChannelHealth {
    return { ...this.state };
  }

  private fail(e: unknown): void {
    this.state.lastError = e instanceof Error ? e.message : JSON.stringify(e);
    this.opts.log?.('error', `wecom long connection: ${this.state.lastError}`);
  }

  private userOf(body: Record<string, unknown>): string | undefined {
    const id = (body.from as { userid?: string } | undefined)?.userid;
    return id ? `wecom:${id}` : undefined;
  }

  private async onMessage(frame: Frame): Promise<void> {
    const body = frame.body ?? {};
    const user = this.userOf(body);
    if (!user) return;
    const messageId = String(body.msgid ?? '');
    // A file (in a group only an addressed message reaches the bot, and a file carries no text).
    const file = fileOf(body);
    if (file) {
      await this.opts.queues.run(user, () => this.answer(frame, user, () => this.fileTurn(user, messageId, file)));
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
      this.answer(frame, user, () => this.opts.bot.handleTurn({ channel: CHANNEL, userExternalId: user, text, messageId, buttons: true })),
    );
  }

  /** Run a turn (inside the person's queue) and answer the callback with its replies. */
  private async answer(frame: Frame, user: string, run: () => Promise<TurnResult>): Promise<void> {
    let turn: TurnResult;
    try {
      turn = await run();
    } catch (e) {
      // The turn was rolled back: say so rather than stay silent.
      this.fail(e);
      await this.client.replyStream(frame, randomUUID(), zh.wecom.failed, true);
      return;
    }
    if (!turn.followUp) return this.send(frame, user, turn.replies, 'reply');
    // Something slow follows (the report): the user sees an open stream at once, and the same
    // stream is finished with the result when it is ready (WeCom lets a stream stay open ~6 min).
    const stream = randomUUID();
    await this.client.replyStream(frame, stream, joinReplies(turn.replies), false);
    await this.send(frame, user, await turn.followUp(), 'reply', stream);
  }

  /**
   * A file message: downloaded and decrypted by the SDK (downloadFile(url, aeskey); the name
   * comes from the download's Content-Disposition), at most 20 MB, then read by the bot. A
   * download that fails or is too large is answered and logged; nothing is stored.
   */
  private async fileTurn(user: string, messageId: string, file: { url: string; aeskey?: string }): Promise<TurnResult> {
    const tooLarge = { replies: [{ text: zh.files.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024) }] };
    let got: { buffer: Buffer; filename?: string };
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${DOWNLOAD_TIMEOUT_MS} ms`)), DOWNLOAD_TIMEOUT_MS);
      });
      got = await Promise.race([this.client.downloadFile(file.url, file.aeskey), timeout]);
    } catch (e) {
      const why = e instanceof Error ? e.message : JSON.stringify(e);
      this.opts.log?.('warn', `wecom file of ${user} (message ${messageId}) not downloaded: ${why}`);
      return overLimit(e) ? tooLarge : { replies: [{ text: zh.files.downloadFailed }] };
    } finally {
      clearTimeout(timer);
    }
    if (got.buffer.byteLength > MAX_IMPORT_BYTES) return tooLarge;
    return this.opts.bot.handleFile({ channel: CHANNEL, userExternalId: user, messageId, fileName: got.filename || NO_NAME, content: got.buffer, buttons: true });
  }

  private async onEnter(frame: Frame): Promise<void> {
    const user = this.userOf(frame.body ?? {});
    if (!user) return;
    await this.opts.queues.run(user, async () => {
      const replies = await this.opts.bot.enter({ channel: CHANNEL, userExternalId: user, buttons: true });
      // The welcome must go out within 5 s, as plain text; buttons follow as a proactive card.
      await this.client.replyWelcome(frame, { msgtype: 'text', text: { content: joinReplies(replies) } });
      const card = this.card(replies);
      if (card) await this.client.sendMessage(user.slice('wecom:'.length), { msgtype: 'template_card', template_card: card });
    });
  }

  private async onClick(frame: Frame): Promise<void> {
    const body = frame.body ?? {};
    const user = this.userOf(body);
    const { key, taskId } = eventDetails(body);
    if (!user || !key) return;
    // First update the card (within 5 s), then handle the click like typed text.
    await this.client.updateTemplateCard(frame, {
      card_type: 'text_notice',
      main_title: { title: zh.wecom.chosen(key) },
      ...(taskId ? { task_id: taskId } : {}),
    } as TemplateCard);
    await this.opts.queues.run(user, async () => {
      const turn = await this.opts.bot.handleTurn({ channel: CHANNEL, userExternalId: user, text: key, messageId: String(body.msgid ?? ''), buttons: true });
      await this.send(frame, user, turn.replies, 'proactive');
      if (turn.followUp) await this.send(frame, user, await turn.followUp(), 'proactive');
    });
  }

  /** Choices as a button card (WeCom allows 6 buttons; more are listed in the text). */
  private card(replies: Reply[]): TemplateCard | undefined {
    const choices = lastChoices(replies);
    if (!choices || choices.length > MAX_BUTTONS) return undefined;
    return {
      card_type: 'button_interaction',
      main_title: { title: zh.wecom.chooseTitle },
      button_list: choices.map((c) => ({ text: c.slice(0, 10), key: c, style: 1 })),
      task_id: `choice-${randomUUID()}`,
    } as TemplateCard;
  }

  /**
   * Send a turn's replies: text as markdown stream(s), buttons as a card, the report as a file.
   * `stream`: an open stream of this reply to finish with the first piece of text.
   */
  private async send(frame: Frame, user: string, replies: Reply[], mode: 'reply' | 'proactive', stream?: string): Promise<void> {
    if (replies.length === 0) return; // a duplicate delivery: already answered
    const userid = user.slice('wecom:'.length);
    const choices = lastChoices(replies);
    let text = joinReplies(replies);
    if (choices && choices.length > MAX_BUTTONS) text += `\n${choices.map((c, i) => `${i + 1}. ${c}`).join('\n')}`;
    for (const [i, piece] of splitByBytes(text, STREAM_MAX).entries()) {
      if (mode === 'reply') await this.client.replyStream(frame, (i === 0 && stream) || randomUUID(), piece, true);
      else await this.client.sendMessage(userid, { msgtype: 'markdown', markdown: { content: piece } });
    }
    const card = this.card(replies);
    if (card) {
      if (mode === 'reply') await this.client.replyTemplateCard(frame, card);
      else await this.client.sendMessage(userid, { msgtype: 'template_card', template_card: card });
    }
    for (const r of replies) {
      if (!r.file) continue;
      const file = await this.opts.bot.file(r.file.fileId, user);
      if (file) await this.sendFile(userid, file);
    }
  }

  /**
   * Upload and send a file (the report, the template). Always pushed with aibot_send_msg, never as
   * a passive reply: the text has already finished the callback's stream, and WeCom is reported to
   * ignore a file replied after a finished stream (the official plugin pushes files the same way).
   * If the socket drops, wait for the SDK to reconnect and go on: the upload is retried until it
   * has a media_id. The user gets the file once.
   */
  private async sendFile(userid: string, file: { fileName: string; content: Uint8Array }): Promise<void> {
    let mediaId: string | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        mediaId ??= (await this.client.uploadMedia(Buffer.from(file.content), { type: 'file', filename: file.fileName })).media_id;
        await this.client.sendMediaMessage(userid, 'file', mediaId);
        return;
      } catch (e) {
        if (attempt >= FILE_ATTEMPTS) throw e;
        this.fail(e);
        await this.reconnected(RECONNECT_WAIT_MS);
      }
    }
  }

  /** Resolves once the client is authenticated again (or after `ms`). */
  private async reconnected(ms: number): Promise<void> {
    const end = Date.now() + ms;
    await new Promise((r) => setTimeout(r, 200));
    while (!(this.state.authenticated && this.client.isConnected) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  }
}
