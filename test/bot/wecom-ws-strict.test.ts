import type { AddressInfo } from 'node:net';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { DOWN_MS, WecomWsChannel } from '../../src/bot/wecom-ws.js';
import { readConfig } from '../../src/config.js';
import { createApp } from '../../src/server.js';
import { SendBudget } from '../../src/store/send-budget.js';
import { testDatabases } from '../helpers/databases.js';
import { FakeWecomWs, streamText, type Frame } from '../helpers/fake-wecom-ws.js';
import { seedModel } from '../helpers/rulesets.js';
import { Walker } from '../helpers/walker.js';

/** The 智能机器人 channel against the strict fake server: what the real WeCom would refuse, it refuses. */

const pushed = (f: Frame, type: string) => f.cmd === 'aibot_send_msg' && (f.body as { msgtype?: string }).msgtype === type;

async function setup(
  extra: Partial<ConstructorParameters<typeof WecomWsChannel>[0]> = {},
  given?: Awaited<ReturnType<ReturnType<typeof testDatabases>[0]['open']>>,
  givenT?: ReturnType<typeof testDatabases>[0],
) {
  const t = givenT ?? testDatabases()[0]!;
  const database = given ?? (await t.open());
  const fake = new FakeWecomWs();
  const url = await fake.start();
  const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
  const queues = new UserQueues();
  const channel = new WecomWsChannel({ bot, queues, botId: 'bot-1', secret: 'secret-1', wsUrl: url, ...extra });
  channel.start();
  await fake.waitFor(() => channel.health().authenticated);
  const stop = async () => {
    channel.stop();
    await fake.stop();
    await database.close();
    await t.cleanup();
  };
  return { database, fake, bot, queues, channel, stop };
}

describe('the whole seed report through the real SDK, every choice by a card click', () => {
  it('ends with the DOCX as a pushed file message and not one frame refused', async () => {
    const { database, fake, bot, queues, stop } = await setup();
    const enter = fake.enterChat('clicker');
    await fake.waitFor(() => fake.answers(enter).find((f) => f.cmd === 'aibot_respond_welcome_msg'));
    const walker = new Walker(database, bot, seedModel(), 'wecom:clicker', 'wecom-bot');
    let clicks = 0;
    let typedChoices = 0;
    walker.transport = async (text) => {
      await queues.idle(); // the pushes of the last turn (its card) are out
      const card = fake.cards('clicker').at(-1);
      const used = card && fake.frames.some((f) => f.cmd === 'aibot_respond_update_msg' && (f.body as { template_card?: { task_id?: string } }).template_card?.task_id === card.task_id);
      const button = card && !used ? card.button_list.find((b) => b.key === text) : undefined;
      if (button) {
        clicks++;
        const before = fake.frames.length;
        const reqId = fake.click('clicker', button.key, card!.task_id);
        await fake.waitFor(() => fake.answers(reqId).some((f) => f.cmd === 'aibot_respond_update_msg'), 20_000);
        // the answer to a click is pushed
        await fake.waitFor(() => fake.frames.slice(before).some((f) => pushed(f, 'markdown')), 20_000);
        await queues.idle();
        return [];
      }
      // a card offering only a default (用默认) may be typed over with the unit's own words
      if (card && !used && card.button_list.length && card.button_list.some((b) => b.key !== '用默认')) typedChoices++;
      const reqId = fake.text('clicker', text);
      await fake.waitFor(() => fake.answers(reqId).some((f) => f.cmd === 'aibot_respond_msg' && (f.body as { stream?: { finish?: boolean } }).stream?.finish), 60_000);
      await queues.idle();
      return [];
    };
    await walker.walk();
    const file = await fake.waitFor(() => fake.frames.find((f) => pushed(f, 'file')), 60_000);
    const stored = fake.files.find((f) => f.mediaId === (file.body as { file: { media_id: string } }).file.media_id)!;
    expect(stored.filename).toBe('2024年度岳阳市法律援助中心单位整体支出绩效自评报告.docx');
    expect(new TextDecoder().decode(unzipSync(new Uint8Array(stored.content))['word/document.xml']!)).toContain('岳阳市法律援助中心');
    // 确认生成 was a click: the place in line was pushed before the file, not with it
    const told = fake.frames.findIndex((f) => pushed(f, 'markdown') && JSON.stringify(f.body).includes('正在生成报告'));
    expect(told).toBeGreaterThanOrEqual(0);
    expect(told).toBeLessThan(fake.frames.indexOf(file));
    // the score came pushed, as markdown
    expect(fake.frames.some((f) => pushed(f, 'markdown') && JSON.stringify(f.body).includes('自评得分 96.88 分（优）'))).toBe(true);
    // every card answered by a click, none typed over a live card; nothing WeCom would refuse
    expect(clicks).toBeGreaterThan(5);
    expect(typedChoices).toBe(0);
    expect(fake.refused).toEqual([]);
    await stop();
  }, 240_000);
});

describe('a connection that never gives up', () => {
  it('keeps reconnecting through an outage far longer than the SDK’s ten attempts; /healthz is 503 meanwhile and 200 after', async () => {
    let clock = Date.parse('2026-12-03T08:00:00Z');
    const { fake, channel, stop } = await setup({ sdk: { reconnectInterval: 10, reconnectCapMs: 40, heartbeatInterval: 1_000 }, now: () => clock });
    const app = createApp({ config: readConfig({}), health: () => ({ wecomBot: channel.health() }) }).listen(0, '127.0.0.1');
    await new Promise((r) => app.once('listening', r));
    const healthz = () => fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/healthz`);
    expect((await healthz()).status).toBe(200);
    const attempts = () => fake.refusedConnections;
    fake.setOffline(true);
    await fake.waitFor(() => !channel.health().connected || undefined);
    // down, but not for long yet: still healthy
    expect((await healthz()).status).toBe(200);
    clock += DOWN_MS + 1;
    const down = await healthz();
    expect(down.status).toBe(503);
    const body = (await down.json()) as { status: string; channels: { wecomBot: { healthy: boolean; lastError: unknown } } };
    expect(body.status).toBe('down');
    expect(body.channels.wecomBot.healthy).toBe(false);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|503/); // no raw error text
    // the SDK alone gives up after 10 attempts: this goes on
    await fake.waitFor(() => attempts() >= 25 || undefined, 60_000);
    expect((await healthz()).status).toBe(503);
    fake.setOffline(false);
    await fake.waitFor(() => channel.health().authenticated || undefined, 30_000);
    expect((await healthz()).status).toBe(200);
    const reqId = fake.text('back', '帮助');
    await fake.waitFor(() => fake.answers(reqId).some((f) => f.cmd === 'aibot_respond_msg'));
    app.close();
    await stop();
  }, 300_000);

  it('after disconnected_event it stops, says so once, and hands over to whoever runs it', async () => {
    let replaced = 0;
    const { fake, channel, stop } = await setup({ onReplaced: () => replaced++ });
    const { WSClient } = await import('@wecom/aibot-node-sdk');
    const rival = new WSClient({ botId: 'bot-1', secret: 'secret-1', wsUrl: fake.url, maxReconnectAttempts: 0, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    rival.connect();
    await fake.waitFor(() => replaced || undefined);
    expect(fake.replacedConnections).toBe(1);
    expect(channel.health()).toMatchObject({ authenticated: false, healthy: true });
    expect(channel.health().replacedAt).toMatch(/^\d{4}-/);
    // it does not fight back: no new connection from the replaced channel
    const auths = fake.authenticated;
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.authenticated).toBe(auths);
    rival.disconnect();
    await stop();
  }, 180_000);
});

describe('bad clicks', () => {
  it('a card update WeCom refuses is logged and the click is still handled; an event without task_id is ignored with a log line', async () => {
    const logs: string[] = [];
    const { database, fake, stop } = await setup({ log: (_level, msg) => logs.push(msg) });
    const hello = fake.text('tapper', '你好');
    await fake.waitFor(() => fake.answers(hello).length || undefined);
    const card = await fake.waitFor(() => fake.cards('tapper')[0]);
    fake.nackFor = (f) => f.cmd === 'aibot_respond_update_msg';
    fake.click('tapper', '创建单位', card.task_id);
    await fake.waitFor(() => fake.frames.find((f) => pushed(f, 'markdown') && JSON.stringify(f.body).includes('请输入单位全称')));
    expect(logs.some((l) => l.includes(`card ${card.task_id} of wecom:tapper not updated`))).toBe(true);
    fake.nackFor = undefined;
    const before = fake.frames.length;
    fake.click('tapper', '加入单位', '');
    await fake.waitFor(() => logs.some((l) => l.includes('card event without task_id')) || undefined);
    expect(fake.frames.slice(before).filter((f) => f.cmd === 'aibot_send_msg')).toEqual([]);
    const u = await database.db.user.findUnique({ where: { externalId: 'wecom:tapper' } });
    expect(JSON.stringify((await database.db.conversationState.findFirst({ where: { userId: u!.id } }))!.state)).toContain('unitName');
    await stop();
  }, 180_000);
});

describe('the proactive-send budget', () => {
  it('near the cap choices are a numbered list in the stream; a file WeCom refuses is said, and 下载报告 sends it later', async () => {
    const t = testDatabases()[0]!;
    const database = await t.open();
    const { fake, stop } = await setup({ budget: new SendBudget(database, { perDay: 2, windowHours: 24 }) }, database, t);
    const say = async (text: string) => {
      const id = fake.text('frugal', text);
      return fake.waitFor(() => {
        const a = fake.answers(id).filter((f) => f.cmd === 'aibot_respond_msg');
        return a.some((f) => (f.body as { stream?: { finish?: boolean } }).stream?.finish) ? a : undefined;
      }, 180_000);
    };
    // two sends left is the reserve for files: no card, the choices are in the text
    const hello = await say('你好');
    expect(streamText(hello)).toMatch(/1\. 创建单位\n2\. 加入单位/);
    for (const x of ['创建单位', '节约单位', '正科级', '2024', '生成报告']) await say(x);
    expect(fake.cards('frugal')).toEqual([]);
    // WeCom refuses the push (its own quota): the stream says so, the report is kept
    fake.strict.proactivePerChat = 0;
    const gen = await say('确认生成');
    expect(streamText(gen)).toContain('这次没有发出');
    expect(streamText(gen)).toContain('下载报告');
    expect(fake.refused.map((r) => r.errcode)).toContain(45009);
    expect(fake.files.length).toBeLessThanOrEqual(1); // uploaded, never sent
    const sentFiles = () => fake.frames.filter((f) => pushed(f, 'file') && !fake.refused.some((r) => r.frame === f)).length;
    expect(sentFiles()).toBe(0);
    // the next day (or once WeCom allows it again): 下载报告 pushes the stored report
    fake.strict.proactivePerChat = Number.POSITIVE_INFINITY;
    const again = await say('下载报告');
    expect(streamText(again)).toContain('重新发送报告：2024年度节约单位单位整体支出绩效自评报告.docx');
    await fake.waitFor(() => sentFiles() === 1 || undefined);
    // our own count: the budget of 2 is spent now, the next file is not even tried
    const none = await say('下载报告');
    expect(streamText(none)).toContain('这次没有发出');
    expect(sentFiles()).toBe(1);
    await stop();
  }, 300_000);
});
