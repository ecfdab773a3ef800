import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomWsChannel } from '../../src/bot/wecom-ws.js';
import type { Budget } from '../../src/store/send-budget.js';
import { SendBudget } from '../../src/store/send-budget.js';
import { testDatabases } from '../helpers/databases.js';
import { FakeWecomWs, streamText, type Frame } from '../helpers/fake-wecom-ws.js';

async function setup(budget?: (db: Awaited<ReturnType<ReturnType<typeof testDatabases>[0]['open']>>) => Budget) {
  const t = testDatabases()[0]!;
  const database = await t.open();
  const fake = new FakeWecomWs();
  const url = await fake.start();
  const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
  const logs: string[] = [];
  const channel = new WecomWsChannel({ bot, queues: new UserQueues(), botId: 'bot-1', secret: 'secret-1', wsUrl: url, log: (_l, m) => logs.push(m), ...(budget ? { budget: budget(database) } : {}) });
  channel.start();
  await fake.waitFor(() => channel.health().authenticated);
  const say = async (userid: string, text: string): Promise<Frame[]> => {
    const id = fake.text(userid, text);
    return fake.waitFor(() => {
      const a = fake.answers(id).filter((f) => f.cmd === 'aibot_respond_msg');
      return a.some((f) => (f.body as { stream?: { finish?: boolean } }).stream?.finish) ? a : undefined;
    }, 180_000);
  };
  const stop = async () => {
    channel.stop();
    await fake.stop();
    await database.close();
    await t.cleanup();
  };
  return { fake, say, logs, stop };
}

const sends = (fake: FakeWecomWs, userid: string) => fake.frames.filter((f) => f.cmd === 'aibot_send_msg' && f.body?.chatid === userid && !fake.refused.some((r) => r.frame === f));

describe('WeCom 智能机器人: the score picture', () => {
  it('得分 answers the short text as the stream and pushes the picture as an image message (uploaded as image media), before the choice card', async () => {
    const { fake, say, stop } = await setup();
    for (const x of ['创建单位', '图片单位', '正科级', '2024']) await say('tu', x);
    const before = sends(fake, 'tu').length;
    const frames = await say('tu', '得分');
    expect(streamText(frames)).toContain('回复「得分 详细」看全部');
    const image = await fake.waitFor(() => sends(fake, 'tu').slice(before).find((f) => f.body?.msgtype === 'image'), 60_000); // the first picture starts its thread
    const mediaId = (image.body as { image: { media_id: string } }).image.media_id;
    const media = fake.files.find((f) => f.mediaId === mediaId)!;
    expect(media.type).toBe('image');
    const png = PNG.sync.read(media.content);
    expect(png.width).toBe(780);
    expect(png.height).toBeGreaterThan(400);
    // the card of the question asked again (单位性质, with its buttons) comes after the picture
    await fake.waitFor(() => sends(fake, 'tu').slice(sends(fake, 'tu').indexOf(image)).find((f) => f.body?.msgtype === 'template_card'), 60_000);
    expect(fake.refused).toEqual([]);
    // 得分 详细: text only
    const n = fake.files.length;
    const detail = await say('tu', '得分 详细');
    expect(streamText(detail)).toContain('在职人员控制率');
    expect(fake.files.slice(n).filter((f) => f.type === 'image')).toEqual([]);
    await stop();
  }, 300_000);

  it('keeps the last proactive sends for files: near the cap the picture is not sent, the text still is', async () => {
    const { fake, say, logs, stop } = await setup((db) => new SendBudget(db, { perDay: 3, windowHours: 24 }));
    for (const x of ['创建单位', '节约单位', '正科级', '2024']) await say('frugal', x);
    const frames = await say('frugal', '得分');
    expect(streamText(frames)).toContain('回复「得分 详细」看全部');
    await fake.waitFor(() => logs.find((l) => l.includes('score picture to wecom:frugal not sent: sends kept')), 60_000);
    expect(fake.files.filter((f) => f.type === 'image')).toEqual([]);
    expect(sends(fake, 'frugal').filter((f) => f.body?.msgtype === 'image')).toEqual([]);
    await stop();
  }, 300_000);
});
