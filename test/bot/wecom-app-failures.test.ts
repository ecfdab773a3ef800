import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomApi } from '../../src/bot/wecom-api.js';
import { wecomAppRouter } from '../../src/bot/wecom-app.js';
import { readConfig } from '../../src/config.js';
import { buildInProcess, type BuildReport } from '../../src/export/builder.js';
import { zh } from '../../src/messages/zh.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { APP, appText, FakeWecomApi, postCallback } from '../helpers/fake-wecom-api.js';

/**
 * What the person is told when something fails on the 自建应用 (issue 29: failure replies had no
 * test): a turn that throws, a report upload given up, a 确认生成 click whose turn throws or whose
 * build fails. Never silence, and nothing stored that the person was told was not.
 */
const [t] = testDatabases();
const BROKEN = '构建失败单位';

describe('WeCom 自建应用: failure replies', () => {
  let database: Database;
  let fake: FakeWecomApi;
  let server: Server;
  let url: string;
  let breakTurns = 0;
  const logs: string[] = [];

  beforeAll(async () => {
    database = await t!.open();
    fake = new FakeWecomApi();
    await fake.start();
    const build: BuildReport = async (model, score, opts) => {
      if (model.values['unit.name'] === BROKEN) throw new Error('build broke');
      return buildInProcess(model, score, opts);
    };
    const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference', build });
    const real = bot.handleTurn.bind(bot);
    bot.handleTurn = async (msg) => {
      if (breakTurns > 0) {
        breakTurns--;
        throw new Error('database is down');
      }
      return real(msg);
    };
    // back-offs are not waited for: a given-up call gives up at once
    const api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url, sleep: async () => undefined, log: (_l, m) => void logs.push(m) });
    const channel = wecomAppRouter({ bot, database, queues: new UserQueues(), api, corpId: APP.corpId, token: APP.token, aesKey: APP.aesKey, log: (_l, m) => void logs.push(m) });
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

  const sentTo = (user: string) => fake.sent.filter((s) => s.touser === user && s.msgtype !== 'template_card');
  const waitFor = async <T>(probe: () => T | undefined, what: string, ms = 120_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = probe();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; sent: ${JSON.stringify(fake.sent.slice(-4))}; log: ${logs.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  /** Post a callback; resolves with what was sent to `user` after it, once `done` holds for that. */
  const post = async (user: string, inner: Record<string, string | number>, done: (after: ReturnType<typeof sentTo>) => boolean) => {
    const before = sentTo(user).length;
    expect((await postCallback(url, inner)).status).toBe(200);
    return waitFor(() => {
      const after = sentTo(user).slice(before);
      return done(after) ? after : undefined;
    }, `replies to ${user}`);
  };
  const say = (user: string, text: string, n = 1) => post(user, appText(user, text), (a) => a.length >= n);
  const conversation = async (user: string) => {
    const u = await database.db.user.findUnique({ where: { externalId: `wecom:${user}` } });
    return (await database.db.conversationState.findFirst({ where: { userId: u!.id } }))?.state;
  };
  /** A unit with a 2024 report, at its review: the 确认生成 / 继续 card. */
  const atReview = async (user: string, unit: string) => {
    for (const text of ['创建单位', unit, '正科级', '2024', '生成报告']) await say(user, text);
    return waitFor(() => fake.cards(user).find((c) => c.button_list?.some((b) => b.text === '确认生成')), 'the 确认生成 card');
  };

  it('a turn that throws: the person is told the message was not saved; nothing is stored; the next message is answered', async () => {
    await say('wang', '你好');
    const before = await conversation('wang');
    breakTurns = 1;
    const told = await say('wang', '创建单位');
    expect(told.map((m) => m.content)).toEqual([zh.wecom.failed]);
    expect(await conversation('wang')).toEqual(before);
    expect((await say('wang', '创建单位'))[0]!.content).toContain('请输入单位全称');
  });

  it('a report upload given up: the score arrives, then a note that the file did not go and how to get it; 下载报告 sends it', async () => {
    await atReview('li', '上传失败单位');
    const name = '2024年度上传失败单位单位整体支出绩效自评报告.docx';
    // every upload gives up: the score picture's (it goes first) and the report's
    fake.uploadFaults = Array(16).fill(-1);
    const mine = await post('li', appText('li', '确认生成'), (a) => a.some((m) => m.content === zh.wecom.fileNotSent(name)));
    fake.uploadFaults = [];
    expect(mine[0]!.content).toContain('正在生成报告');
    expect(mine.some((m) => m.content?.includes('报告已生成'))).toBe(true);
    expect(mine.some((m) => m.msgtype === 'file')).toBe(false);
    expect(logs.some((l) => l.includes('media/upload gave up'))).toBe(true);
    const resent = await say('li', '下载报告', 2);
    const file = resent.find((m) => m.msgtype === 'file')!;
    expect(fake.uploads.find((u) => u.mediaId === file.media_id)!.filename).toBe(name);
  });

  it('a 确认生成 click whose turn throws: the card is greyed as chosen, then the person is told it was not saved', async () => {
    const card = await atReview('zhao', '点击失败单位');
    const before = await conversation('zhao');
    breakTurns = 1;
    const told = await post('zhao', fake.click(card.task_id!, card.button_list!.find((b) => b.text === '确认生成')!.key!), (a) => a.length >= 1);
    expect(told.map((m) => m.content)).toEqual([zh.wecom.failed]);
    expect(fake.updates.at(-1)).toMatchObject({ userids: ['zhao'], replaceName: '已选择：确认生成' });
    expect(await conversation('zhao')).toEqual(before);
    // typed afterwards, the same choice builds the report
    const mine = await say('zhao', '确认生成', 4); // two texts, the score picture, the file
    expect(mine.some((m) => m.msgtype === 'file')).toBe(true);
  });

  it('a 确认生成 click whose build fails: told that it is being built, then that it failed and what to do', async () => {
    const card = await atReview('sun', BROKEN);
    const mine = await post('sun', fake.click(card.task_id!, card.button_list!.find((b) => b.text === '确认生成')!.key!), (a) => a.some((m) => m.content?.includes(zh.dialog.buildFailed)));
    expect(mine[0]!.content).toContain('正在生成报告');
    expect(mine.some((m) => m.msgtype === 'file')).toBe(false);
  });
});
