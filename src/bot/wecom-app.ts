import Router from '@koa/router';
import { BodyError, readBody } from '../http/read-body.js';
import { decrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import type { Context } from 'koa';
import { createHash, timingSafeEqual } from 'node:crypto';
import { MAX_IMPORT_BYTES } from '../import/types.js';
import { zh } from '../messages/zh.js';
import type { Database } from '../store/db.js';
import { claimPending, enqueue, markDone, pruneProcessed, type InboxEntry } from '../store/inbox.js';
import type { Bot } from './bot.js';
import { KEEP_CARDS_MS, pruneCards } from './wecom-app-cards.js';
import { appReplies } from './wecom-app-replies.js';
import type { UserQueues } from './queue.js';
import { MediaTooLargeError, type WecomApi } from './wecom-api.js';

/**
 * WeCom 自建应用 over the HTTP callback: GET verifies the URL, POST receives encrypted XML.
 *
 * A POST is checked in order of cost: the query's signature parameters and timestamp before the
 * body is read; the body read with a size limit and a timeout; the signature over the <Encrypt>
 * value (found by a plain scan, no XML parser on unauthenticated input); only then decrypted and
 * parsed. The message is stored in the inbox (database) and then acknowledged with an empty 200
 * (WeCom retries after 5 s, never after a 200). A worker runs stored messages through the per-user
 * queue in arrival order and sends the replies through the API; on start it runs what a previous
 * process stored but did not finish (see store/inbox.ts).
 */
export interface WecomAppOptions {
  bot: Bot;
  /** Where callbacks are stored before they are acknowledged. */
  database: Database;
  queues: UserQueues;
  api: WecomApi;
  corpId: string;
  token: string;
  aesKey: string;
  now?: () => number;
  /** How long a callback's body may take to arrive (default 10 s). */
  bodyTimeoutMs?: number;
  log?: (level: 'warn' | 'error', msg: string) => void;
  /** Choice questions (≤ 6 choices) as template_card buttons (default); false: numbered text. */
  cards?: boolean;
}

export interface WecomApp {
  router: Router;
  health: () => AppHealth;
  /** Resolves when the messages a previous process left pending have been handed to the queues. */
  recovered: Promise<void>;
  /** Stop handing stored messages to the queues and wait for the ones handed over (shutdown). */
  stop: () => Promise<void>;
}

export const CHANNEL = 'wecom-app';
/** WeCom callbacks are a few KB. */
export const MAX_BODY = 64 * 1024;
const BODY_TIMEOUT_MS = 10_000;
/** Callbacks older or newer than this are refused (replayed or forged). */
const MAX_SKEW_S = 300;
/** A stored message that was pending at this many starts is given up (it may be what crashes us). */
const MAX_ATTEMPTS = 3;
/** Processed messages are kept this long (WeCom's retries of them are recognised), then deleted. */
const KEEP_PROCESSED_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 6 * 3_600_000;
/** When neither the download nor the message names the file: the reader goes by content. */
const NO_NAME = '文件';

// Entities are not expanded (no billion laughs) and values stay strings (no number coercion of ids).
const parser = new XMLParser({ processEntities: false, parseTagValue: false, parseAttributeValue: false, ignoreDeclaration: true, trimValues: true });

export interface AppHealth {
  enabled: boolean;
  lastCallbackAt: string | null;
  lastError: string | null;
  sent: number;
  /** Stored messages handed to the queues and not yet finished. */
  pending: number;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}



/**
 * The <Encrypt> value of a callback body by a linear scan (indexOf), without an XML parser: the
 * body is not authenticated yet. Undefined when there is none.
 */
export function encryptedField(body: string): string | undefined {
  const OPEN = '<Encrypt>';
  const start = body.indexOf(OPEN);
  if (start < 0) return undefined;
  const end = body.indexOf('</Encrypt>', start + OPEN.length);
  if (end < 0) return undefined;
  let value = body.slice(start + OPEN.length, end).trim();
  if (value.startsWith('<![CDATA[')) {
    if (!value.endsWith(']]>')) return undefined;
    value = value.slice('<![CDATA['.length, -']]>'.length);
  }
  return value || undefined;
}

/** The fields of a WeCom `<xml>…</xml>` document, or undefined when it is not one. */
export function parseWecomXml(text: string): Record<string, string> | undefined {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch {
    return undefined;
  }
  const xml = (doc as { xml?: unknown } | undefined)?.xml;
  return xml && typeof xml === 'object' ? (xml as Record<string, string>) : undefined;
}

/**
 * What identifies a delivery, so that WeCom's retries of it are stored once: the MsgId; for an
 * event (which has none) user + CreateTime + Event + EventKey (+ TaskId for a card click);
 * otherwise a hash of the message.
 */
export function messageKey(msg: Record<string, string>, plain: string): string {
  if (msg.MsgType === 'event') return `${msg.FromUserName}:${msg.CreateTime}:${msg.Event}:${msg.EventKey ?? ''}${msg.TaskId ? `:${msg.TaskId}` : ''}`;
  if (msg.MsgId) return msg.MsgId;
  return `sha256:${createHash('sha256').update(plain).digest('hex')}`;
}

interface Signed {
  sig: string;
  timestamp: string;
  nonce: string;
}

export function wecomAppRouter(opts: WecomAppOptions): WecomApp {
  const router = new Router();
  const now = opts.now ?? Date.now;
  const state: AppHealth = { enabled: true, lastCallbackAt: null, lastError: null, sent: 0, pending: 0 };
  const log = opts.log ?? (() => undefined);
  const bodyTimeoutMs = opts.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  const note = (e: unknown): void => {
    state.lastError = e instanceof Error ? e.message : String(e);
    log('error', `wecom app: ${state.lastError}`);
  };

  /** The signature parameters, present and with a fresh timestamp: checked before any body is read. */
  const signedQuery = (ctx: Context): Signed => {
    const { msg_signature: sig, timestamp, nonce } = ctx.query;
    if (typeof sig !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string' || !sig || !timestamp || !nonce) {
      return ctx.throw(401, zh.wecom.badSignature);
    }
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now() / 1000 - Number(timestamp)) > MAX_SKEW_S) return ctx.throw(403, zh.wecom.stale);
    return { sig, timestamp, nonce };
  };

  const verify = (ctx: Context, q: Signed, payload: string): void => {
    if (!safeEqual(getSignature(opts.token, q.timestamp, q.nonce, payload), q.sig)) ctx.throw(401, zh.wecom.badSignature);
  };

  const open = (ctx: Context, payload: string): string => {
    let plain: { message: string; id: string };
    try {
      plain = decrypt(opts.aesKey, payload);
    } catch {
      return ctx.throw(400, zh.wecom.badCipher);
    }
    if (plain.id !== opts.corpId) return ctx.throw(403, zh.wecom.wrongCorp);
    return plain.message;
  };

  const body = async (ctx: Context): Promise<string> => {
    if (Number(ctx.get('content-length') || 0) > MAX_BODY) {
      ctx.set('Connection', 'close');
      return ctx.throw(413, zh.wecom.tooLarge);
    }
    try {
      return (await readBody(ctx.req, MAX_BODY, bodyTimeoutMs)).toString('utf8');
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      ctx.set('Connection', 'close');
      // a stalled upload: answer, then drop the connection rather than wait for the rest
      if (e.status === 408) ctx.res.once('finish', () => ctx.req.socket.destroy());
      return ctx.throw(e.status, e.status === 408 ? zh.wecom.timeout : zh.wecom.tooLarge);
    }
  };

  router.get('/wecom/callback', (ctx) => {
    const q = signedQuery(ctx);
    const echostr = String(ctx.query.echostr ?? '');
    verify(ctx, q, echostr);
    ctx.type = 'text/plain';
    ctx.body = open(ctx, echostr);
  });

  let stopping = false;
  router.post('/wecom/callback', async (ctx) => {
    if (stopping) {
      // not thrown: a 5xx thrown is logged with its stack as a server error, and this is none
      ctx.status = 503;
      ctx.body = { error: 503, message: zh.wecom.stopping };
      return;
    }
    const q = signedQuery(ctx);
    const text = await body(ctx);
    const encrypted = encryptedField(text) ?? ctx.throw(400, zh.wecom.badXml);
    verify(ctx, q, encrypted);
    const plain = open(ctx, encrypted);
    const msg = parseWecomXml(plain) ?? ctx.throw(400, zh.wecom.badXml);
    state.lastCallbackAt = new Date(now()).toISOString();
    const userid = msg.FromUserName;
    // Stored (committed) before the 200: from here on the message survives a crash. A failed
    // store answers 500 and WeCom delivers it again.
    const entry = userid ? { channel: CHANNEL, messageId: messageKey(msg, plain), userExternalId: `wecom:${userid}`, payload: msg, attempts: 0 } : undefined;
    const stored = entry ? await enqueue(opts.database, entry) : false;
    ctx.status = 200;
    ctx.body = '';
    // not stored: a repeated delivery of a stored message, run (or to be run) from its first one
    if (entry && stored) void recovered.then(() => schedule(entry));
  });

  /** Stored messages handed to the queues, by message key, until finished. */
  const running = new Map<string, Promise<void>>();

  function schedule(entry: InboxEntry): void {
    // Once stopping, a stored message stays pending for the next start.
    if (stopping || running.has(entry.messageId)) return;
    const job = opts.queues
      .run(entry.userExternalId, async () => {
        try {
          await handle(entry);
        } catch (e) {
          note(e);
        }
        // After the turn (committed, or refused and the user told): a crash before this line
        // runs the message again at the next start, where the turn finds its id claimed.
        await markDone(opts.database, CHANNEL, entry.messageId);
      })
      .catch((e: unknown) => {
        // the queues are shutting down (left pending for the next start) or marking failed
        if (!stopping) note(e);
      })
      .finally(() => {
        running.delete(entry.messageId);
        state.pending = running.size;
      });
    running.set(entry.messageId, job);
    state.pending = running.size;
  }

  /** What a previous process stored and did not finish, in arrival order; then old rows are pruned. */
  async function recover(startedAt: Date): Promise<void> {
    const entries = await claimPending(opts.database, CHANNEL, startedAt);
    if (entries.length) log('warn', `wecom app: ${entries.length} stored message(s) not processed before the last stop; processing them now`);
    for (const entry of entries) {
      if (entry.attempts <= MAX_ATTEMPTS) schedule(entry);
      else {
        log('error', `wecom app: message ${entry.messageId} of ${entry.userExternalId} was pending at ${entry.attempts} starts; given up`);
        await markDone(opts.database, CHANNEL, entry.messageId);
      }
    }
    await prune();
  }

  const prune = (): Promise<void> =>
    Promise.all([pruneProcessed(opts.database, CHANNEL, new Date(Date.now() - KEEP_PROCESSED_MS)), pruneCards(opts.database, new Date(Date.now() - KEEP_CARDS_MS))]).then(
      () => undefined,
      (e: unknown) => log('warn', `wecom app: pruning the inbox failed: ${e instanceof Error ? e.message : String(e)}`),
    );

  const recovered = recover(new Date()).catch(note);
  const pruning = setInterval(() => void prune(), PRUNE_EVERY_MS);
  const replies = appReplies({
    bot: opts.bot,
    database: opts.database,
    api: opts.api,
    channel: CHANNEL,
    cards: opts.cards ?? true,
    log,
    sent: () => void state.sent++,
    failed: (e) => void (state.lastError = e instanceof Error ? e.message : String(e)),
  });
  pruning.unref();

  /** Run one stored message (inside its user's queue). */
  async function handle(entry: InboxEntry): Promise<void> {
    const msg = entry.payload;
    const userid = msg.FromUserName!;
    const user = entry.userExternalId;
    const type = msg.MsgType;
    let text: string | undefined;
    if (type === 'text') text = msg.Content;
    else if (type === 'voice' && msg.Recognition) text = msg.Recognition;
    else if (type === 'event') {
      if (msg.Event === 'enter_agent') return replies.deliver(userid, await opts.bot.enter({ channel: CHANNEL, userExternalId: user, buttons: true }));
      if (msg.Event === 'template_card_event') return replies.click(entry);
      if (msg.Event === 'click') text = msg.EventKey;
      else return;
    } else if (type === 'file' && msg.MediaId) {
      return file(entry, msg.MediaId);
    } else {
      const media = ['image', 'video', 'shortvideo', 'file'].includes(type ?? '');
      await opts.api.sendText(userid, media ? `${zh.files.notAFile}${zh.files.accepted}` : zh.wecom.unsupported);
      return;
    }
    if (text === undefined) return;
    // The message's inbox key is the turn's message id: a turn that committed is not run twice.
    await replies.answer(userid, () => opts.bot.handleTurn({ channel: CHANNEL, userExternalId: user, text, messageId: entry.messageId, buttons: true }));
  }

  /**
   * A file message: downloaded (media/get, at most 20 MB, its name from Content-Disposition or
   * the message's FileName), then read through Bot.handleFile. A download that fails or is too
   * large is answered and logged; nothing is stored. Runs in the person's queue, so two files
   * sent together are downloaded and read one after the other.
   */
  async function file(entry: InboxEntry, mediaId: string): Promise<void> {
    const msg = entry.payload;
    const userid = msg.FromUserName!;
    let got: { content: Buffer; fileName?: string };
    try {
      got = await opts.api.downloadMedia(mediaId, MAX_IMPORT_BYTES);
    } catch (e) {
      const tooLarge = e instanceof MediaTooLargeError;
      log('warn', `wecom app: file of ${entry.userExternalId} (message ${entry.messageId}) not downloaded: ${e instanceof Error ? e.message : String(e)}`);
      await opts.api.sendText(userid, tooLarge ? zh.files.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024) : zh.files.downloadFailed);
      return;
    }
    const fileName = got.fileName || msg.FileName || NO_NAME;
    await replies.answer(userid, () => opts.bot.handleFile({ channel: CHANNEL, userExternalId: entry.userExternalId, messageId: entry.messageId, fileName, content: got.content, buttons: true }));
  }

  return {
    router,
    health: () => ({ ...state }),
    recovered,
    stop: async () => {
      stopping = true;
      clearInterval(pruning);
      await recovered;
      await Promise.allSettled([...running.values()]);
    },
  };
}
