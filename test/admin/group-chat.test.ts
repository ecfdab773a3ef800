import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomWsChannel } from '../../src/bot/wecom-ws.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { FakeWecomWs, streamText } from '../helpers/fake-wecom-ws.js';

/**
 * `后台` over the real 智能机器人 connection: the link is personal, so it is given in a single chat
 * only; in a group (where anybody could open it first) the bot says to ask in a single chat.
 */
describe('后台 in a WeCom group chat', () => {
  const t = testDatabases()[0]!;
  let database: Database;
  let fake: FakeWecomWs;
  let channel: WecomWsChannel;
  beforeAll(async () => {
    database = await t.open();
    fake = new FakeWecomWs();
    const url = await fake.start();
    channel = new WecomWsChannel({ bot: new Bot({ database, defaultRuleSetId: 'yueyang-reference', publicUrl: 'https://jx.example.gov.cn' }), queues: new UserQueues(), botId: 'bot-1', secret: 'secret-1', wsUrl: url });
    channel.start();
    await fake.waitFor(() => channel.health().authenticated);
  });
  afterAll(async () => {
    channel.stop();
    await fake.stop();
    await database.close();
    await t.cleanup();
  });

  const say = async (userid: string, text: string, chattype: 'single' | 'group' = 'single') => {
    const reqId = fake.text(userid, text, { chattype });
    const frames = await fake.waitFor(() => {
      const f = fake.answers(reqId);
      return f.some((x) => x.cmd === 'aibot_respond_msg') ? f : undefined;
    });
    return streamText(frames);
  };

  it('gives no link in a group, and the link in a single chat', async () => {
    expect(await say('wangkz', '创建财政局 岳阳市财政局')).toContain('已创建财政局「岳阳市财政局」');
    const inGroup = await say('wangkz', '@绩效助手 后台', 'group');
    expect(inGroup).toContain('后台登录链接只在与机器人的单聊中发送');
    expect(inGroup).not.toContain('/admin/login');
    expect(await database.db.adminLoginLink.count()).toBe(0);
    expect(await say('wangkz', '后台')).toMatch(/https:\/\/jx\.example\.gov\.cn\/admin\/login\?t=[A-Za-z0-9_-]{43}/);
    expect(await database.db.adminLoginLink.count()).toBe(1);
  });
});
