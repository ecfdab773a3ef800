import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomApi } from '../../src/bot/wecom-api.js';
import { wecomAppRouter } from '../../src/bot/wecom-app.js';
import { readConfig } from '../../src/config.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { APP, FakeWecomApi, appText, postCallback } from '../helpers/fake-wecom-api.js';

/** Issue 23, 自建应用: the numbered choices of a question are listed once, not twice. */
const [t] = testDatabases();

const count = (text: string, part: string) => text.split(part).length - 1;

describe('自建应用 choices as numbered text (cards off)', () => {
  let database: Database;
  let fake: FakeWecomApi;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    database = await t!.open();
    fake = new FakeWecomApi();
    await fake.start();
    const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
    const api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url });
    const channel = wecomAppRouter({ bot, database, queues: new UserQueues(), api, corpId: APP.corpId, token: APP.token, aesKey: APP.aesKey, cards: false });
    server = createApp({ config: readConfig({}), database, bot, routers: [channel.router] }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await fake.stop();
    await database.close();
    await t!.cleanup();
  });

  const say = async (user: string, content: string) => {
    const before = fake.sent.filter((s) => s.touser === user).length;
    expect((await postCallback(url, appText(user, content))).status).toBe(200);
    const end = Date.now() + 120_000; // backstop for a loaded machine
    while (fake.sent.filter((s) => s.touser === user).length <= before) {
      if (Date.now() > end) throw new Error('no reply');
      await new Promise((r) => setTimeout(r, 20));
    }
    return fake.sent.filter((s) => s.touser === user).slice(before).map((s) => s.content ?? '').join('\n');
  };

  it('lists the welcome’s two choices once', async () => {
    const text = await say('once', '你好');
    expect(count(text, '1. 创建单位')).toBe(1);
    expect(count(text, '2. 加入单位')).toBe(1);
  });

  it('lists the eight 机构级别 choices once', async () => {
    await say('once', '创建单位');
    const text = await say('once', '一次单位');
    expect(text).toContain('请选择机构级别');
    expect(count(text, '1. 正厅级')).toBe(1);
    expect(count(text, '8. 其他')).toBe(1);
  });
});
