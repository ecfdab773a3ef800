import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Bot } from './bot/bot.js';
import { DEFAULT_TIMING, Leader } from './bot/leader.js';
import { UserQueues } from './bot/queue.js';
import { WecomWsChannel } from './bot/wecom-ws.js';
import { WecomApi } from './bot/wecom-api.js';
import { wecomAppRouter } from './bot/wecom-app.js';
import { listenUrl, readConfig, startupWarnings } from './config.js';
import { AppError } from './errors.js';
import { background } from './export/background-thread.js';
import { createHttpServer } from './http/http-server.js';
import { zh } from './messages/zh.js';
import { createApp } from './server.js';
import { openDatabase } from './store/db.js';
import { SendBudget, unlimited } from './store/send-budget.js';
import { appSender, ReminderScheduler, wecomSender } from './oversight/scheduler.js';
import { loadRuleSet } from './scoring/ruleset-loader.js';
import { pgLease } from './store/lease.js';

async function main(): Promise<void> {
  const config = readConfig();
  // WAL checkpoints in a worker thread, never inside a chat turn: SQLite, 200 people, p99 24 → 13 ms (docs/performance.md, 2026-12-04 fifth).
  const database = await openDatabase(config.DATABASE_URL, { backgroundCheckpoints: true, log: (msg) => console.error(msg) });
  console.log(
    database.applied.length
      ? `数据库（${database.provider}）已应用迁移：${database.applied.join('、')}`
      : `数据库（${database.provider}）结构已是最新。`,
  );
  // Reports (and score pictures) are made in the background thread, so they never hold up anyone's next answer.
  const log = (level: 'info' | 'warn' | 'error', msg: string): void => (level === 'info' ? undefined : console[level](msg));
  const bot = new Bot({ database, defaultRuleSetId: config.RULESET_DEFAULT, build: background.build, log, ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}) });
  const queues = new UserQueues();

  const budget = new SendBudget(database, { perDay: config.WECOM_PROACTIVE_PER_DAY, windowHours: config.WECOM_PROACTIVE_WINDOW_HOURS });
  const wecomBot =
    config.WECOM_BOT_ID && config.WECOM_BOT_SECRET
      ? new WecomWsChannel({
          bot,
          queues,
          botId: config.WECOM_BOT_ID,
          secret: config.WECOM_BOT_SECRET,
          ...(config.WECOM_WS_URL ? { wsUrl: config.WECOM_WS_URL } : {}),
          budget,
          log,
          onReplaced: () => leader?.replaced(),
        })
      : undefined;
  // One instance holds the long connection: on PostgreSQL the holder of a lease, on SQLite this one.
  const holder = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const lease = database.provider === 'postgres' ? pgLease(database.db, 'wecom-bot', holder, DEFAULT_TIMING.ttlMs) : undefined;
  // deadline reminders (issue 28) go from the instance holding the connection
  const reminders = wecomBot && new ReminderScheduler({ db: database.db, now: () => new Date(), ruleSet: loadRuleSet, budget, send: wecomSender(wecomBot.client, console.warn) }, { log: console.log });
  const leader =
    wecomBot &&
    new Leader({
      lease,
      lead: () => {
        wecomBot.start();
        reminders?.start();
      },
      stepDown: () => {
        wecomBot.stop();
        void reminders?.stop();
      },
      log: (level, msg) => console[level === 'info' ? 'log' : level](msg),
    });
  leader?.start();

  const c = config;
  const appApi =
    c.WECOM_CORP_ID && c.WECOM_AGENT_ID && c.WECOM_AGENT_SECRET && c.WECOM_TOKEN && c.WECOM_ENCODING_AES_KEY
      ? new WecomApi({ corpId: c.WECOM_CORP_ID, agentId: c.WECOM_AGENT_ID, secret: c.WECOM_AGENT_SECRET, base: c.WECOM_API_BASE, perUserPerMinute: c.WECOM_APP_SEND_PER_MINUTE, log })
      : undefined;
  const wecomApp =
    appApi && c.WECOM_CORP_ID && c.WECOM_TOKEN && c.WECOM_ENCODING_AES_KEY
      ? wecomAppRouter({
          bot,
          database,
          queues,
          api: appApi,
          corpId: c.WECOM_CORP_ID,
          token: c.WECOM_TOKEN,
          aesKey: c.WECOM_ENCODING_AES_KEY,
          log,
        })
      : undefined;

  // without the long connection, reminders go through the 自建应用, from every instance (each is claimed once)
  const appReminders = !reminders && appApi ? new ReminderScheduler({ db: database.db, now: () => new Date(), ruleSet: loadRuleSet, budget: unlimited, send: appSender(appApi, console.warn) }, { log: console.log }) : undefined;
  appReminders?.start();

  const app = createApp({
    config,
    database,
    bot,
    routers: wecomApp ? [wecomApp.router] : [],
    health: () => ({ wecomBot: wecomBot && leader ? { ...wecomBot.health(), role: leader.role } : { enabled: false }, wecomApp: wecomApp?.health() ?? { enabled: false } }),
    log: (level, msg) => console[level](msg),
  });
  const server = createHttpServer(app.callback(), {
    maxConnectionsPerAddress: config.MAX_CONNECTIONS_PER_IP,
    onRefused: (address, max) => console.warn(zh.server.refused(address, max)),
  });
  server.listen(config.PORT, config.HOST, () => {
    // The address really bound, not a guess: 127.0.0.1, 0.0.0.0, ::…
    const addr = server.address();
    const bound = typeof addr === 'object' && addr ? addr : { address: config.HOST, port: config.PORT };
    const url = listenUrl(bound.address, bound.port);
    console.log(zh.server.listening(url, config.WEB_CHAT === 'on'));
    if (wecomBot) console.log(zh.server.wecomBotOn);
    if (wecomApp) console.log(zh.server.wecomAppOn(url));
    for (const w of startupWarnings(config, bound.address)) console.warn(w);
  });

  // Graceful shutdown: stop taking messages, finish the turns in flight, close socket and database.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Stop accepting, let requests in flight finish (at most 10 s), then the channels and queues.
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000))]);
    // the lease is given up: another instance takes the connection over at its next try
    await leader?.stop();
    await reminders?.stop();
    await appReminders?.stop();
    // stored callbacks not yet handed over stay in the inbox for the next start
    await wecomApp?.stop();
    await queues.drain();
    await bot.close();
    await background.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e: unknown) => {
  // One clear line for the operator; a stack trace only for bugs.
  console.error(e instanceof AppError ? `[${e.code}] ${e.message}` : e);
  process.exit(1);
});
