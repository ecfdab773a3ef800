import Router from '@koa/router';
import Koa from 'koa';
import type { Bot } from './bot/bot.js';
import type { Config } from './config.js';
import { zh } from './messages/zh.js';
import { loadRuleSet } from './scoring/ruleset-loader.js';
import type { Database } from './store/db.js';
import { webChatRouter } from './web/routes.js';

export interface AppParts {
  config: Config;
  database?: Database;
  bot?: Bot;
  /** Extra state for /healthz (the WeCom channels report theirs here). */
  health?: () => Record<string, unknown>;
  /** Channel routes to mount (the WeCom 自建应用 callback). */
  routers?: Router[];
}

/** The HTTP server: health, the local web chat (unless WEB_CHAT=off) and, later, the WeCom callback. */
export function createApp(parts: AppParts): Koa {
  const { config, database, bot } = parts;
  // Load the default rule set at start-up: a broken rule-set file must stop the server, not a user turn.
  const ruleSet = loadRuleSet(config.RULESET_DEFAULT);
  const app = new Koa();

  // Errors become JSON with a Chinese message; internals are logged, never sent.
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (e) {
      const err = e as { status?: number; expose?: boolean; message?: string };
      const status = err.status && err.status >= 400 && err.status < 600 ? err.status : 500;
      if (status >= 500) console.error(e);
      ctx.status = status;
      ctx.body = { error: status, message: status < 500 && err.expose !== false ? err.message : zh.web.internal };
    }
  });

  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = {
      status: 'ok',
      ruleSet: { id: ruleSet.id, version: ruleSet.version },
      database: database ? { provider: database.provider } : null,
      webChat: Boolean(bot && config.WEB_CHAT !== 'off'),
      channels: parts.health?.() ?? {},
    };
  });
  app.use(router.routes()).use(router.allowedMethods());
  for (const r of parts.routers ?? []) app.use(r.routes()).use(r.allowedMethods());
  if (bot && config.WEB_CHAT !== 'off') {
    const web = webChatRouter(bot);
    app.use(web.routes()).use(web.allowedMethods());
  }
  return app;
}
