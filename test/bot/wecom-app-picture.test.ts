import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomApi } from '../../src/bot/wecom-api.js';
import { CHANNEL, wecomAppRouter } from '../../src/bot/wecom-app.js';
import { readConfig } from '../../src/config.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { APP, FakeWecomApi, postCallback } from '../helpers/fake-wecom-api.js';

const [t] = testDatabases();
let seq = 0;

describe('WeCom 自建应用: the score picture (fake WeCom API)', () => {
  let database: Database;
  let fake: FakeWecomApi;
  let server: Server;
  let url: string;
  let bot: Bot;

  beforeAll(async () => {
    database = await t!.open();
    fake = new FakeWecomApi();
    await fake.start();
    bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
    const api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url, sleep: async () => undefined });
    const channel = wecomAppRouter({ bot, database, queues: new UserQueues(), api, corpId: APP.corpId, token: APP.token, aesKey: APP.aesKey, log: () => undefined });
    server = createApp({ config: readConfig({}), database, bot, routers: [channel.router] }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const text of ['创建单位', '图片单位', '正科级', '2024']) await bot.handleMessage({ channel: CHANNEL, userExternalId: 'wecom:qian', text, messageId: `setup-${++seq}` });
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await fake.stop();
    await database.close();
    await t!.cleanup();
  });

  const say = async (text: string, until: (sent: typeof fake.sent) => boolean) => {
    const before = fake.sent.length;
    const res = await postCallback(url, { ToUserName: APP.corpId, FromUserName: 'qian', CreateTime: 1, MsgType: 'text', Content: text, MsgId: `m-${++seq}`, AgentID: APP.agentId });
    expect(res.status).toBe(200);
    const end = Date.now() + 120_000; // backstop for a loaded machine
    while (!until(fake.sent.slice(before)) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    return fake.sent.slice(before).filter((m) => m.touser === 'qian');
  };

  it('得分: the short text, then the picture uploaded with type=image and sent as msgtype image, then the card', async () => {
    const sent = await say('得分', (s) => s.some((m) => m.msgtype === 'template_card'));
    expect(sent.map((m) => m.msgtype)).toEqual(['text', 'image', 'template_card']);
    expect(sent[0]!.content).toContain('回复「得分 详细」看全部');
    const upload = fake.uploads.find((u) => u.mediaId === sent[1]!.media_id)!;
    expect(upload.type).toBe('image');
    expect(upload.filename).toBe('score.png');
    const png = PNG.sync.read(upload.content);
    expect(png.width).toBe(780);
    expect(fake.refused).toEqual([]);
  });

  it('得分 详细: text only', async () => {
    const sent = await say('得分 详细', (s) => s.some((m) => m.msgtype === 'template_card'));
    expect(sent.map((m) => m.msgtype)).toEqual(['text', 'template_card']);
    expect(sent[0]!.content).toContain('在职人员控制率');
  });
});
