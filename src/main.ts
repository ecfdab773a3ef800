import { Bot } from './bot/bot.js';
import { readConfig } from './config.js';
import { AppError } from './errors.js';
import { createApp } from './server.js';
import { openDatabase } from './store/db.js';

async function main(): Promise<void> {
  const config = readConfig();
  const database = await openDatabase(config.DATABASE_URL);
  console.log(
    database.applied.length
      ? `数据库（${database.provider}）已应用迁移：${database.applied.join('、')}`
      : `数据库（${database.provider}）结构已是最新。`,
  );
  const bot = new Bot({ database, defaultRuleSetId: config.RULESET_DEFAULT });
  const app = createApp({ config, database, bot });
  const server = app.listen(config.PORT, config.HOST, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    console.log(`绩效自评助手已启动：http://localhost:${port}/${config.WEB_CHAT === 'off' ? 'healthz' : ''}`);
  });
  const stop = () => server.close(() => void database.close().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  // One clear line for the operator; a stack trace only for bugs.
  console.error(e instanceof AppError ? `[${e.code}] ${e.message}` : e);
  process.exit(1);
});
