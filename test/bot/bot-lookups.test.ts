import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { zh } from '../../src/messages/zh.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';

/** 下载报告 (bot-lookups.ts): the newest report file again, once per message, never someone else's. */
const [t] = testDatabases();

describe('下载报告', () => {
  let database: Database;
  let bot: Bot;
  let n = 0;
  const say = (user: string, text: string, messageId = `m${++n}`) => bot.handleMessage({ channel: 'test', userExternalId: user, text, messageId });
  beforeAll(async () => {
    database = await t!.open();
    bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference', now: () => new Date('2025-03-01T09:00:00Z') });
  });
  afterAll(async () => {
    await database.close();
    await t!.cleanup();
  });

  it('before any report file: says to generate one; after 确认生成: sends the newest file; a repeated delivery sends nothing', async () => {
    for (const x of ['创建单位', '下载测试单位', '正科级', '2024']) await say('dl', x);
    expect((await say('dl', '下载报告')).map((r) => r.text)).toEqual([zh.wecom.noReportFile]);
    await say('dl', '生成报告');
    const made = (await say('dl', '确认生成')).find((r) => r.file)!.file!;
    const again = await say('dl', '重发报告', 'same-id');
    expect(again[0]!.text).toBe(zh.wecom.resent(made.fileName));
    expect(again[0]!.file).toEqual(made);
    expect(await say('dl', '重发报告', 'same-id')).toEqual([]);
    // the conversation stays where it was: 进度 still answers for the same report
    expect((await say('dl', '进度')).map((r) => r.text).join('\n')).toContain('进度');
  });

  it('someone of another unit gets no file of this one', async () => {
    for (const x of ['创建单位', '别的单位', '正科级', '2024']) await say('other', x);
    const replies = await say('other', '下载报告');
    expect(replies.some((r) => r.file)).toBe(false);
    expect(replies[0]!.text).toBe(zh.wecom.noReportFile);
  });
});
