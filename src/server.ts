import Router from '@koa/router';
import Koa from 'koa';
import type { Config } from './config.js';
import type { Database } from './store/db.js';
import { loadRuleSet } from './scoring/ruleset-loader.js';

/**
 * The HTTP server. For now it only reports health; the WeCom callback and the local web chat
 * mount their routes here (see issues 6 and 7).
 */
export function createApp(config: Config, database?: Database): Koa {
  // Load the default rule set at start-up: a broken rule-set file must stop the server, not a user turn.
  const ruleSet = loadRuleSet(config.RULESET_DEFAULT);
  const app = new Koa();
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = {
      status: 'ok',
      ruleSet: { id: ruleSet.id, version: ruleSet.version },
      database: database ? { provider: database.provider } : null,
      channels: {},
    };
  });
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
