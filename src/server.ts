import Router from '@koa/router';
import Koa from 'koa';
import type { Bot } from './bot/bot.js';
import type { Config } from './config.js';
import { zh } from './messages/zh.js';
import { loadRuleSet } from './scoring/ruleset-loader.js';
import type { Database } from './store/db.js';
import { webChatRouter } from './web/routes.js';
import { adminRouter } from './admin/routes.js';

export interface AppParts {
  config: Config;
  database?: Database;
  bot?: Bot;
  /** Extra state for /healthz (the WeCom channels report theirs here). */
  health?: () => Record<string, unknown>;
  /** Channel routes to mount (the WeCom 自建应用 callback). */
  routers?: Router[];
  /** One line per event (aborted requests); default: the console. */
  log?: (level: 'warn' | 'error', msg: string) => void;
  /** The clock of /healthz (tests). */
  now?: () => number;
}

/**
 * The client went away (or was cut off by the server's timeouts) before its request had arrived,
 * or sent a broken one: not a bug, one log line. raw-body says request.aborted/ECONNABORTED, a
 * request stream ECONNRESET, node's parser HPE_*, its request timeout ERR_HTTP_REQUEST_TIMEOUT.
 */
const CLIENT_GONE = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_HTTP_REQUEST_TIMEOUT']);
const codeOf = (e: unknown): string => String((e as { code?: unknown } | null)?.code ?? '');
function clientGone(e: unknown): boolean {
  const code = codeOf(e);
  return CLIENT_GONE.has(code) || code.startsWith('HPE_') || (e as { type?: unknown } | null)?.type === 'request.aborted';
}

/**
 * A stable code for a channel's error text, which may hold addresses, ids or tokens: the WeCom
 * errcode, a network error code, or just `error`.
 */
export function errorCode(text: string): string {
  const wecom = /WeCom API \S+ failed: (-?\d+)/.exec(text) ?? /errcode\W{0,3}(-?\d+)/i.exec(text);
  if (wecom) return `wecom_${wecom[1]}`;
  const net = /\b(ECONN[A-Z]+|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|UND_ERR_[A-Z_]+)\b/.exec(text);
  return net ? net[1]! : 'error';
}

/** The HTTP server: health, the local web chat (unless WEB_CHAT=off) and, later, the WeCom callback. */
export function createApp(parts: AppParts): Koa {
  const { config, database, bot } = parts;
  // Load the default rule set at start-up: a broken rule-set file must stop the server, not a user turn.
  const ruleSet = loadRuleSet(config.RULESET_DEFAULT);
  const app = new Koa({ proxy: config.TRUST_PROXY === 'on' });
  const log = parts.log ?? ((level, msg) => console[level](msg));
  const now = parts.now ?? Date.now;
  // A request cut short is reported twice by koa (its body read fails, its response never
  // finishes): one line per request.
  const gone = new WeakSet<object>();
  const logGone = (ctx: Koa.Context, e: unknown): void => {
    if (gone.has(ctx.req)) return;
    gone.add(ctx.req);
    const timedOut = [codeOf(e), codeOf((ctx.req.socket as { errored?: unknown } | undefined)?.errored)].includes('ERR_HTTP_REQUEST_TIMEOUT');
    log('warn', zh.server.aborted(ctx.method, ctx.path, (ctx.state as { address?: string }).address ?? ctx.ip, timedOut));
  };
  // Koa's own handler prints every socket error with its stack.
  app.on('error', (e: unknown, ctx?: Koa.Context) => {
    if (ctx && clientGone(e)) return logGone(ctx, e);
    const err = e as { status?: number; expose?: boolean };
    if (err?.status === 404 || err?.expose) return;
    console.error(e);
  });

  // Errors become JSON with a Chinese message; internals are logged, never sent.
  app.use(async (ctx, next) => {
    // read while the socket is there: a request cut short is logged with where it came from
    (ctx.state as { address?: string }).address = ctx.ip;
    try {
      await next();
    } catch (e) {
      // (An ECONNRESET after the whole request had arrived is the server's own: a database, an API.)
      if (clientGone(e) && !ctx.req.complete) {
        // Nobody is left to answer: one line, no stack trace.
        logGone(ctx, e);
        ctx.status = 400;
        return;
      }
      const err = e as { status?: number; expose?: boolean; message?: string };
      const status = err.status && err.status >= 400 && err.status < 600 ? err.status : 500;
      if (status >= 500) console.error(e);
      ctx.status = status;
      ctx.body = { error: status, message: status < 500 && err.expose !== false ? err.message : zh.web.internal };
    }
  });

  // A channel's `lastError` is raw text (addresses, ids, upstream messages): /healthz shows a stable
  // code and since when it has been seen instead.
  const seen = new Map<string, { text: string; at: string }>();
  const clean = (value: unknown, path: string): unknown => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const here = `${path}.${k}`;
        if (k !== 'lastError') return [k, clean(v, here)];
        if (v === null || v === undefined || v === '') {
          seen.delete(here);
          return [k, null];
        }
        const text = String(v);
        let s = seen.get(here);
        if (s?.text !== text) seen.set(here, (s = { text, at: new Date(now()).toISOString() }));
        return [k, { code: errorCode(text), seenAt: s.at }];
      }),
    );
  };

  const router = new Router();
  router.get('/healthz', (ctx) => {
    const channels = parts.health?.() ?? {};
    // a configured channel down for more than 30 s (wecom-ws.ts DOWN_MS): the instance is not serving
    const down = Object.values(channels).some((c) => (c as { healthy?: boolean } | undefined)?.healthy === false);
    ctx.status = down ? 503 : 200;
    ctx.body = {
      status: down ? 'down' : 'ok',
      ruleSet: { id: ruleSet.id, version: ruleSet.version },
      database: database ? { provider: database.provider } : null,
      webChat: Boolean(bot && config.WEB_CHAT !== 'off'),
      channels: clean(channels, ''),
    };
  });
  app.use(router.routes()).use(router.allowedMethods());
  for (const r of parts.routers ?? []) app.use(r.routes()).use(r.allowedMethods());
  // the dashboard has its own login (a link from the bot's 后台): there whether or not the web chat is
  if (database) app.use(adminRouter({ db: database.db, ruleSet: loadRuleSet }).routes());
  if (bot && config.WEB_CHAT !== 'off') {
    const web = webChatRouter(bot);
    app.use(web.routes()).use(web.allowedMethods());
  }
  return app;
}
