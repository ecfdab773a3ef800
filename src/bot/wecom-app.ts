import Router from '@koa/router';
import { decrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import type { Context } from 'koa';
import { timingSafeEqual } from 'node:crypto';
import type { Reply } from '../dialogs/types.js';
import { zh } from '../messages/zh.js';
import type { Bot, TurnResult } from './bot.js';
import { joinReplies, lastChoices } from './outbound.js';
import type { UserQueues } from './queue.js';
import type { WecomApi } from './wecom-api.js';

/**
 * WeCom 自建应用 over the HTTP callback: GET verifies the URL, POST receives encrypted XML.
 * Every POST is answered at once with an empty 200 (WeCom retries after 5 s); the real reply
 * goes out through the API after the turn is committed.
 */
export interface WecomAppOptions {
  bot: Bot;
  queues: UserQueues;
  api: WecomApi;
  corpId: string;
  token: string;
  aesKey: string;
  now?: () => number;
  log?: (level: 'warn' | 'error', msg: string) => void;
}

export const CHANNEL = 'wecom-app';
const MAX_BODY = 1024 * 1024;
/** Callbacks older or newer than this are refused (replayed or forged). */
const MAX_SKEW_S = 300;

// Entities are not expanded (no billion laughs) and values stay strings (no number coercion of ids).
const parser = new XMLParser({ processEntities: false, parseTagValue: false, parseAttributeValue: false, ignoreDeclaration: true, trimValues: true });

export interface AppHealth {
  enabled: boolean;
  lastCallbackAt: string | null;
  lastError: string | null;
  sent: number;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(ctx: Context): Promise<string> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > MAX_BODY) ctx.throw(413, zh.wecom.tooLarge);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) ctx.throw(413, zh.wecom.tooLarge);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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

function parseXml(ctx: Context, text: string): Record<string, string> {
  return parseWecomXml(text) ?? ctx.throw(400, zh.wecom.badXml);
}

export function wecomAppRouter(opts: WecomAppOptions): { router: Router; health: () => AppHealth } {
  const router = new Router();
  const now = opts.now ?? Date.now;
  const state: AppHealth = { enabled: true, lastCallbackAt: null, lastError: null, sent: 0 };
  const log = opts.log ?? (() => undefined);

  const verify = (ctx: Context, payload: string): void => {
    const { msg_signature: sig, timestamp, nonce } = ctx.query as Record<string, string | undefined>;
    if (!sig || !timestamp || !nonce) return ctx.throw(401, zh.wecom.badSignature);
    if (!safeEqual(getSignature(opts.token, timestamp, nonce, payload), sig)) return ctx.throw(401, zh.wecom.badSignature);
    if (!/^\d+$/.test(timestamp) || Math.abs(now() / 1000 - Number(timestamp)) > MAX_SKEW_S) return ctx.throw(403, zh.wecom.stale);
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

  router.get('/wecom/callback', (ctx) => {
    const echostr = String(ctx.query.echostr ?? '');
    verify(ctx, echostr);
    ctx.type = 'text/plain';
    ctx.body = open(ctx, echostr);
  });

  router.post('/wecom/callback', async (ctx) => {
    const outer = parseXml(ctx, await readBody(ctx));
    const encrypted = outer.Encrypt;
    if (!encrypted) return ctx.throw(400, zh.wecom.badXml);
    verify(ctx, encrypted);
    const inner = parseXml(ctx, open(ctx, encrypted));
    state.lastCallbackAt = new Date(now()).toISOString();
    // Acknowledge at once; the turn runs after the response.
    ctx.status = 200;
    ctx.body = '';
    void handle(inner).catch((e: unknown) => {
      state.lastError = e instanceof Error ? e.message : String(e);
      log('error', `wecom app: ${state.lastError}`);
    });
  });

  async function deliver(userid: string, replies: Reply[]): Promise<void> {
    const choices = lastChoices(replies);
    let text = joinReplies(replies);
    if (choices) text += `\n${choices.map((c, i) => `${i + 1}. ${c}`).join('\n')}`;
    if (text) {
      await opts.api.sendText(userid, text);
      state.sent++;
    }
    for (const r of replies) {
      if (!r.file) continue;
      const file = await opts.bot.file(r.file.fileId, `wecom:${userid}`);
      if (!file) continue;
      await opts.api.sendFile(userid, await opts.api.uploadFile(file.fileName, file.content));
      state.sent++;
    }
  }

  async function handle(msg: Record<string, string>): Promise<void> {
    const userid = msg.FromUserName;
    if (!userid) return;
    const user = `wecom:${userid}`;
    const type = msg.MsgType;
    let text: string | undefined;
    let messageId = msg.MsgId;
    if (type === 'text') text = msg.Content;
    else if (type === 'voice' && msg.Recognition) text = msg.Recognition;
    else if (type === 'event') {
      // Events have no MsgId: user + CreateTime + Event identifies a delivery.
      messageId = `${userid}:${msg.CreateTime}:${msg.Event}:${msg.EventKey ?? ''}`;
      if (msg.Event === 'enter_agent') {
        await opts.queues.run(user, async () => deliver(userid, await opts.bot.enter({ channel: CHANNEL, userExternalId: user })));
        return;
      }
      if (msg.Event === 'template_card_event' || msg.Event === 'click') text = msg.EventKey;
      else return;
    } else {
      await opts.queues.run(user, () => opts.api.sendText(userid, zh.wecom.unsupported));
      return;
    }
    if (text === undefined) return;
    await opts.queues.run(user, async () => {
      let turn: TurnResult;
      try {
        turn = await opts.bot.handleTurn({ channel: CHANNEL, userExternalId: user, text, ...(messageId ? { messageId } : {}) });
      } catch (e) {
        // The turn was rolled back: say so rather than stay silent.
        state.lastError = e instanceof Error ? e.message : String(e);
        await opts.api.sendText(userid, zh.wecom.failed);
        return;
      }
      await deliver(userid, turn.replies);
      // the report: built after the user has been told it is on its way
      if (turn.followUp) await deliver(userid, await turn.followUp());
    });
  }

  return { router, health: () => ({ ...state }) };
}
