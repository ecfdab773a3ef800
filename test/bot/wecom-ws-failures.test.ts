import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomWsChannel } from '../../src/bot/wecom-ws.js';
import { buildInProcess, type BuildReport } from '../../src/export/builder.js';
import { zh } from '../../src/messages/zh.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { FakeWecomWs, streamText, type Frame } from '../helpers/fake-wecom-ws.js';

/**
 * What the person is told when something fails on the long connection (issue 29: failure replies
 * had no test): a turn that throws, a report upload given up, a 确认生成 click whose turn throws
 * or whose build fails. Never silence, and nothing stored that the person was told was not.
 */
const [t] = testDatabases();

describe('WeCom long connection: failure replies', () => {
  let database: Database;
  let fake: FakeWecomWs;
  let channel: WecomWsChannel;
  /** The next turns throw (a database that went away mid-turn). */
  let breakTurns = 0;
  /** Builds of units with this name fail. */
  const BROKEN = '构建失败单位';

  beforeAll(async () => {
    database = await t!.open();
    fake = new FakeWecomWs();
    const url = await fake.start();
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
    channel = new WecomWsChannel({ bot, queues: new UserQueues(), botId: 'bot-1', secret: 'secret-1', wsUrl: url, sdk: { reconnectInterval: 100 } });
    channel.start();
    await fake.waitFor(() => channel.health().authenticated);
  });
  afterAll(async () => {
    channel.stop();
    await fake.stop();
    await database.close();
    await t!.cleanup();
  });

  /** Send a text and wait for its finished stream; the frames answering it. */
  const say = async (user: string, text: string): Promise<Frame[]> => {
    const id = fake.text(user, text);
    await fake.waitFor(() => fake.answers(id).some((f) => f.cmd === 'aibot_respond_msg' && (f.body as { stream?: { finish: boolean } }).stream?.finish), 30_000);
    return fake.answers(id);
  };
  const pushedTo = (user: string) => fake.frames.filter((f) => f.cmd === 'aibot_send_msg' && f.body?.chatid === user && f.body?.msgtype === 'markdown').map((f) => (f.body!.markdown as { content: string }).content);
  const filesTo = (user: string) => fake.frames.filter((f) => f.cmd === 'aibot_send_msg' && f.body?.chatid === user && f.body?.msgtype === 'file');
  const conversation = async (user: string) => {
    const u = await database.db.user.findUnique({ where: { externalId: `wecom:${user}` } });
    return (await database.db.conversationState.findFirst({ where: { userId: u!.id } }))?.state;
  };
  /** A unit with a 2024 report, at its review (生成报告 asked, the 确认生成 / 继续 card pushed). */
  const atReview = async (user: string, unit: string) => {
    for (const text of ['创建单位', unit, '正科级', '2024']) await say(user, text);
    await say(user, '生成报告');
    // (the card of an earlier answer may still be on its way: wait for this one)
    return fake.waitFor(() => fake.cards(user).find((c) => c.button_list.some((b) => b.key === '确认生成')));
  };

  it('a turn that throws: one finished stream says the message was not saved; nothing is stored; the next message is answered', async () => {
    await say('wang', '你好');
    const before = await conversation('wang');
    breakTurns = 1;
    const frames = await say('wang', '创建单位');
    expect(frames.filter((f) => f.cmd === 'aibot_respond_msg')).toHaveLength(1);
    expect(streamText(frames)).toBe(zh.wecom.failed);
    expect(channel.health().lastError).toContain('database is down');
    expect(await conversation('wang')).toEqual(before);
    expect(streamText(await say('wang', '创建单位'))).toContain('请输入单位全称');
    expect(fake.refused).toEqual([]);
  });

  it('a report upload given up: the stream finishes with the score and says the file did not go and how to get it; 下载报告 sends it', async () => {
    await atReview('li', '上传失败单位');
    fake.nackFor = (f) => f.cmd === 'aibot_upload_media_init';
    const frames = await say('li', '确认生成');
    fake.nackFor = undefined;
    const text = streamText(frames);
    expect(text).toContain('正在生成报告');
    expect(text).toMatch(/报告已生成：.*\n自评得分/);
    expect(text).toContain(zh.wecom.fileNotSent('2024年度上传失败单位单位整体支出绩效自评报告.docx'));
    expect(filesTo('li')).toHaveLength(0);
    // the report was stored: 下载报告 sends the same file
    await say('li', '下载报告');
    const file = await fake.waitFor(() => filesTo('li')[0]);
    const sent = fake.files.find((f) => f.mediaId === (file.body!.file as { media_id: string }).media_id)!;
    expect(sent.filename).toBe('2024年度上传失败单位单位整体支出绩效自评报告.docx');
    expect(fake.refused).toEqual([]);
  }, 180_000);

  it('a 确认生成 click whose turn throws: the card is updated, then the person is told the click was not saved', async () => {
    const card = await atReview('zhao', '点击失败单位');
    expect(card.button_list.map((b) => b.key)).toEqual(['确认生成', '继续']);
    const before = await conversation('zhao');
    const pushed = pushedTo('zhao').length;
    breakTurns = 1;
    const reqId = fake.click('zhao', '确认生成', card.task_id);
    const update = await fake.waitFor(() => fake.answers(reqId).find((f) => f.cmd === 'aibot_respond_update_msg'));
    expect(update.body).toMatchObject({ template_card: { replace_text: '已选择：确认生成' } });
    const told = await fake.waitFor(() => pushedTo('zhao').slice(pushed)[0]);
    expect(told).toBe(zh.wecom.failed);
    expect(await conversation('zhao')).toEqual(before);
    expect(filesTo('zhao')).toHaveLength(0);
    // the same choice typed afterwards builds the report
    const frames = await say('zhao', '确认生成');
    expect(streamText(frames)).toContain('报告已生成');
    await fake.waitFor(() => filesTo('zhao')[0]);
    expect(fake.refused).toEqual([]);
  }, 180_000);

  it('a 确认生成 click whose build fails: told that it is being built, then that it failed and what to do', async () => {
    const card = await atReview('sun', BROKEN);
    const pushed = pushedTo('sun').length;
    fake.click('sun', '确认生成', card.task_id);
    await fake.waitFor(() => pushedTo('sun').slice(pushed).find((m) => m.includes(zh.dialog.buildFailed)));
    // told first, in its own push, that it is being built; the failure came after
    const after = pushedTo('sun').slice(pushed);
    const told = after.findIndex((m) => m.includes('正在生成报告'));
    expect(told).toBeGreaterThanOrEqual(0);
    expect(told).toBeLessThan(after.findIndex((m) => m.includes(zh.dialog.buildFailed)));
    expect(filesTo('sun')).toHaveLength(0);
    expect(fake.refused).toEqual([]);
  }, 180_000);
});
