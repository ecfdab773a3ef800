import { bodyParser } from '@koa/bodyparser';
import { BodyError, readBody } from '../http/read-body.js';
import Router from '@koa/router';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bot, TurnResult } from '../bot/bot.js';
import { MAX_IMPORT_BYTES } from '../import/types.js';
import { zh } from '../messages/zh.js';
import { pictureLink, pictureRoute } from './picture-route.js';

/**
 * The local web chat: a phone-sized page and a small JSON API on the same Bot as WeCom.
 * It is a trial channel: the user is whoever types a name, so it must not face the internet
 * without a login in front of it (the page says so).
 */
const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), 'public');
const FILES: Record<string, string> = { '/': 'index.html', '/app.js': 'app.js', '/style.css': 'style.css' };
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
export const WEB_CHANNEL = 'web';
const JSON_LIMIT = '64kb';
const MAX_TEXT = 10_000;
/** A download link works this long after the report was generated; then 生成报告 makes a new one. */
export const FILE_LINK_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** An upload must arrive within this (the HTTP server's own request timeout usually comes first). */
const UPLOAD_TIMEOUT_MS = 120_000;
const MAX_FILE_NAME = 200;



/** The file's own name (no folders), or undefined when there is none or it is too long. */
function fileNameOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const name = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name && [...name].length <= MAX_FILE_NAME ? name : undefined;
}

/** A turn's replies with the slow part (the report) waited for: the web answers once. */
async function allReplies(turn: TurnResult) {
  return turn.followUp ? [...turn.replies, ...(await turn.followUp())] : turn.replies;
}

/** A trial name: 1–32 letters, digits, CJK, space, _ or -. */
const NAME = /^[\p{L}\p{N}_\- ]{1,32}$/u;

function userOf(name: unknown): string | undefined {
  return typeof name === 'string' && NAME.test(name.trim()) ? `web:${name.trim()}` : undefined;
}

export function webChatRouter(bot: Bot): Router {
  const router = new Router();
  const W = zh.web;

  for (const [path, file] of Object.entries(FILES)) {
    const body = readFileSync(join(PUBLIC, file), 'utf8');
    router.get(path, (ctx) => {
      ctx.type = TYPES[file.split('.').pop()!]!;
      ctx.set('Content-Security-Policy', "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = body;
    });
  }

  const json = bodyParser({
    enableTypes: ['json'],
    jsonLimit: JSON_LIMIT,
    onError: (err, ctx) => {
      // The client went away mid-body: let the server log it as an aborted request.
      const e = err as { code?: string; type?: string };
      if (e.type === 'request.aborted' || e.code === 'ECONNABORTED' || e.code === 'ECONNRESET') throw err;
      const tooLarge = (err as { status?: number }).status === 413 || /too large/i.test(err.message);
      ctx.throw(tooLarge ? 413 : 400, tooLarge ? W.tooLarge : W.notJson);
    },
  });

  const replyBody = async (user: string, replies: Awaited<ReturnType<Bot['handleMessage']>>) => ({
    replies: replies.map((r) => ({
      text: r.text,
      ...(r.choices ? { choices: r.choices } : {}),
      ...(r.file ? { file: { name: r.file.fileName, url: `/api/chat/file/${encodeURIComponent(r.file.fileId)}?user=${encodeURIComponent(user.slice(4))}` } } : {}),
      ...(r.picture ? { picture: pictureLink(user, r.picture) } : {}),
    })),
    progress: (await bot.status(WEB_CHANNEL, user)) ?? null,
  });

  router.post('/api/chat/enter', json, async (ctx) => {
    const user = userOf((ctx.request.body as { user?: unknown } | undefined)?.user);
    if (!user) return ctx.throw(400, W.badUser);
    ctx.body = await replyBody(user, await bot.enter({ channel: WEB_CHANNEL, userExternalId: user, buttons: true, address: ctx.ip }));
  });

  router.post('/api/chat/message', json, async (ctx) => {
    const body = (ctx.request.body ?? {}) as { user?: unknown; text?: unknown; id?: unknown };
    const user = userOf(body.user);
    if (!user) return ctx.throw(400, W.badUser);
    if (typeof body.text !== 'string' || body.text.length > MAX_TEXT) return ctx.throw(400, W.badText);
    const messageId = typeof body.id === 'string' && body.id.length <= 64 ? body.id : undefined;
    const replies = await bot.handleMessage({ channel: WEB_CHANNEL, userExternalId: user, text: body.text, buttons: true, address: ctx.ip, ...(messageId ? { messageId } : {}) });
    ctx.body = await replyBody(user, replies);
  });

  /**
   * A file sent in the chat: the raw bytes as the body (Content-Type application/octet-stream,
   * which a page on another site cannot send without asking first), the person, the file's name
   * and the message id in the query. Over 20 MB is refused before the body is read (by its
   * Content-Length) or as soon as it passes 20 MB (chunked). Answered like /api/chat/message.
   */
  router.post('/api/chat/file', async (ctx) => {
    const user = userOf(ctx.query.user);
    if (!user) return ctx.throw(400, W.badUser);
    if (!ctx.is('application/octet-stream')) return ctx.throw(415, zh.files.accepted);
    const fileName = fileNameOf(ctx.query.name);
    if (!fileName) return ctx.throw(400, ctx.query.name ? zh.files.badName : zh.files.noName);
    const id = ctx.query.id;
    const messageId = typeof id === 'string' && id.length <= 64 ? id : undefined;
    const tooLarge = () => {
      ctx.set('Connection', 'close');
      return ctx.throw(413, zh.files.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024));
    };
    if (Number(ctx.get('content-length') || 0) > MAX_IMPORT_BYTES) return tooLarge();
    let content: Buffer;
    try {
      content = await readBody(ctx.req, MAX_IMPORT_BYTES, UPLOAD_TIMEOUT_MS);
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      if (e.status === 413) return tooLarge();
      ctx.set('Connection', 'close');
      ctx.res.once('finish', () => ctx.req.socket.destroy());
      return ctx.throw(408, zh.files.uploadTimeout);
    }
    const turn = await bot.handleFile({ channel: WEB_CHANNEL, userExternalId: user, fileName, content, buttons: true, address: ctx.ip, ...(messageId ? { messageId } : {}) });
    ctx.body = await replyBody(user, await allReplies(turn));
  });

  router.get('/api/chat/picture/:id', pictureRoute);

  router.get('/api/chat/file/:id', async (ctx) => {
    const user = userOf(ctx.query.user);
    // Unknown user, guessed id and another unit's file all look the same: not found.
    const file = user ? await bot.file(ctx.params.id!, user) : undefined;
    if (!file) return ctx.throw(404, W.noFile);
    // Only members get here (Bot.file), so an expired link says so without telling anyone else the file exists.
    if (Date.now() - file.createdAt.getTime() > FILE_LINK_DAYS * DAY_MS) return ctx.throw(410, W.fileExpired(FILE_LINK_DAYS));
    const xlsx = file.fileName.endsWith('.xlsx');
    ctx.type = xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    ctx.set('Content-Disposition', `attachment; filename="${xlsx ? 'template.xlsx' : 'report.docx'}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    ctx.body = Buffer.from(file.content);
  });

  return router;
}
