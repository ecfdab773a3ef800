import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Bot } from '../../src/bot/bot.js';
import { readConfig } from '../../src/config.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases, type TestDb } from './databases.js';

/** The real koa app with a Bot on a fresh SQLite database, listening on a free port. */
export async function startWebApp(env: Record<string, string> = {}): Promise<{ url: string; server: Server; database: Database; bot: Bot; stop: () => Promise<void> }> {
  const t: TestDb = testDatabases()[0]!;
  const database = await t.open();
  const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
  const server = createApp({ config: readConfig(env), database, bot }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    database,
    bot,
    stop: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await database.close();
      await t.cleanup();
    },
  };
}
