import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { byteLength } from '../../src/bot/outbound.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomApi } from '../../src/bot/wecom-api.js';
import { parseWecomXml, wecomAppRouter, type AppHealth } from '../../src/bot/wecom-app.js';
import { readConfig } from '../../src/config.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { APP, FakeWecomApi, postCallback, verifyUrl, appText } from '../helpers/fake-wecom-api.js';
import { waitUntil } from '../helpers/wait.js';

const [t] = testDatabases();
let seq = 0;
const textMsg = appText;

describe('WeCom 自建应用 over the HTTP callback (fake WeCom API)', () => {
  let database: Database;
  let fake: FakeWecomApi;
  let server: Server;
  let url: string;
  let health: () => AppHealth;
  const sleeps: number[] = [];

  beforeAll(async () => {
    database = await t!.open();
    fake = new FakeWecomApi();
    await fake.start();
    const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
    const api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url, sleep: async (ms) => void sleeps.push(ms) });
    const channel = wecomAppRouter({ bot, database, queues: new UserQueues(), api, corpId: APP.corpId, token: APP.token, aesKey: APP.aesKey });
    health = channel.health;
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

  // texts and files (the choice cards that follow questions are checked in wecom-app-cards.test.ts)
  const sentTo = (user: string) => fake.sent.filter((s) => s.touser === user && s.msgtype !== 'template_card');
  const waitSent = async (user: string, n: number) => {
    const end = Date.now() + 120_000; // backstop for a loaded 2-core machine (the first score picture starts a thread)
    while (sentTo(user).length < n) {
      if (Date.now() > end) throw new Error(`only ${sentTo(user).length} messages to ${user}: ${JSON.stringify(sentTo(user))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return sentTo(user);
  };
  const waitCard = async (user: string, n: number) => {
    const end = Date.now() + 120_000; // backstop for a loaded machine
    while (fake.cards(user).length < n) {
      if (Date.now() > end) throw new Error(`only ${fake.cards(user).length} cards to ${user}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const say = async (user: string, content: string) => {
    const before = sentTo(user).length;
    const res = await postCallback(url, textMsg(user, content));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    return (await waitSent(user, before + 1)).slice(before);
  };

  it('verifies the callback URL (GET with echostr) and refuses a wrong signature', async () => {
    const ok = await verifyUrl(url, 'echo-42');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('echo-42');
    expect((await verifyUrl(url, 'echo-42', { badSignature: true })).status).toBe(401);
  });

  it('acknowledges at once with an empty 200, then answers through message/send', async () => {
    const replies = await say('lisi', '你好');
    expect(replies[0]!.msgtype).toBe('text');
    expect(replies[0]!.content).toContain('您好，我是绩效自评助手');
    // the choices follow as a button card, not as a list in the text
    expect(replies[0]!.content).not.toContain('1. 创建单位');
    await waitCard('lisi', 1);
    expect(fake.cards('lisi')[0]!.button_list!.map((b) => b.text)).toEqual(['创建单位', '加入单位']);
    expect(health().lastCallbackAt).toMatch(/^\d{4}-/);
  });

  it.each([
    ['a wrong signature', { badSignature: true }, 401],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 3600 }, 403],
    ['another corp’s message', { corpId: 'ww-other' }, 403],
    ['malformed XML', { raw: '<xml><Encrypt>abc' }, 400],
    ['XML without Encrypt', { raw: '<xml><ToUserName>x</ToUserName></xml>' }, 400],
    ['entity expansion', { raw: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>' }, 401],
  ])('refuses %s', async (_n, opts, status) => {
    const before = sentTo('attacker').length;
    const res = await postCallback(url, textMsg('attacker', '你好'), opts);
    expect(res.status).toBe(status);
    expect(await res.text()).not.toMatch(/at .*\.(ts|js):\d+/);
    // a valid message after it is answered; a reply to the refused one would have come first (one queue per person)
    const after = await say('attacker', '帮助');
    expect(after).toHaveLength(1);
    expect(after[0]!.content).toContain('可以随时回复');
    expect(sentTo('attacker')).toHaveLength(before + 1);
  });

  it('refuses a body over 64 KB with 413', async () => {
    const res = await postCallback(url, textMsg('lisi', 'x'), { raw: `<xml><Encrypt>${'A'.repeat(70_000)}</Encrypt></xml>` });
    expect(res.status).toBe(413);
  });

  it('an unknown message type (a location) gets a polite refusal; an image is told which files are accepted', async () => {
    const before = sentTo('lisi').length;
    const res = await postCallback(url, { ToUserName: APP.corpId, FromUserName: 'lisi', CreateTime: 1, MsgType: 'location', Label: 'x', MsgId: `loc-${++seq}`, AgentID: APP.agentId });
    expect(res.status).toBe(200);
    expect((await waitSent('lisi', before + 1)).at(-1)!.content).toContain('暂时只能处理文字和语音');
    const image = await postCallback(url, { ToUserName: APP.corpId, FromUserName: 'lisi', CreateTime: 1, MsgType: 'image', PicUrl: 'x', MsgId: `img-${++seq}`, AgentID: APP.agentId });
    expect(image.status).toBe(200);
    expect((await waitSent('lisi', before + 2)).at(-1)!.content).toContain('图片、视频等暂时无法读取');
  });

  it('WeCom retrying the same MsgId three times gets one answer', async () => {
    const before = sentTo('lisi').length;
    const msg = textMsg('lisi', '帮助', 'retry-1');
    const statuses = await Promise.all([0, 1, 2].map(() => postCallback(url, msg).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200]);
    await waitSent('lisi', before + 1);
    // a new message is answered after any further answer to the retries (one queue per person)
    await say('lisi', '你好');
    expect(sentTo('lisi').length).toBe(before + 2);
    expect(sentTo('lisi').map((m) => m.content).slice(-2)).toEqual([expect.stringContaining('可以随时回复'), expect.stringContaining('您好')]);
  });

  it('messages of one user are answered in the order they arrived', async () => {
    const before = sentTo('wangwu').length;
    await postCallback(url, textMsg('wangwu', '创建单位'));
    await postCallback(url, textMsg('wangwu', '王五的单位'));
    const replies = (await waitSent('wangwu', before + 2)).slice(before);
    expect(replies[0]!.content).toContain('请输入单位全称');
    expect(replies[1]!.content).toContain('请选择机构级别');
  });

  it('the token is cached; an expired token is refreshed once and the send retried', async () => {
    const calls = fake.tokenCalls;
    await say('lisi', '帮助');
    expect(fake.tokenCalls).toBe(calls);
    fake.expireToken();
    const r = await say('lisi', '帮助');
    expect(r[0]!.content).toContain('可以随时回复');
    expect(fake.tokenCalls).toBe(calls + 1);
  });

  it('a failing gettoken and a rate limit are retried with back-off; the reply is not dropped', async () => {
    fake.expireToken();
    fake.tokenFaults.push(-1);
    fake.sendFaults.push(45009);
    sleeps.length = 0;
    const r = await say('lisi', '帮助');
    expect(r[0]!.content).toContain('可以随时回复');
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
  });

  it('long text is split at the 2048-byte limit of text messages, markdown at 4096', async () => {
    const api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url });
    const long = Array.from({ length: 300 }, (_, i) => `第${i + 1}行：绩效自评助手的长回复`).join('\n');
    expect(byteLength(long)).toBeGreaterThan(9000);
    await api.sendText('split-user', long);
    const pieces = sentTo('split-user');
    expect(pieces.length).toBeGreaterThanOrEqual(5);
    for (const p of pieces) expect(byteLength(p.content!)).toBeLessThanOrEqual(2048);
    expect(pieces.map((p) => p.content).join('\n')).toBe(long);
    await api.sendMarkdown('split-md', long);
    for (const p of sentTo('split-md')) expect(byteLength(p.content!)).toBeLessThanOrEqual(4096);
    expect(sentTo('split-md').map((p) => p.content).join('\n')).toBe(long);
  });

  it('XML entities are not expanded', () => {
    const xml = parseWecomXml('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>');
    expect(xml?.Encrypt).toBe('&b;');
    expect(parseWecomXml('not xml at all')).toBeUndefined();
  });

  it('reports the channel in health', () => {
    expect(health()).toMatchObject({ enabled: true, lastError: null });
    expect(health().sent).toBeGreaterThan(5);
  });

  it('生成报告 uploads the DOCX (multipart) and sends it as a file', async () => {
    await say('zhaoliu', '创建单位');
    await say('zhaoliu', '赵六的单位');
    await say('zhaoliu', '正科级');
    await say('zhaoliu', '2024');
    await say('zhaoliu', '生成报告');
    const before = sentTo('zhaoliu').length;
    await postCallback(url, textMsg('zhaoliu', '确认生成'));
    const all = await waitSent('zhaoliu', before + 4);
    const mine = all.slice(before);
    // first told it is on its way, then the score and its picture, then the file
    expect(mine.map((m) => m.msgtype)).toEqual(['text', 'text', 'image', 'file']);
    expect(mine[0]!.content).toContain('正在生成报告');
    expect(mine.findIndex((m) => m.content?.includes('报告已生成'))).toBeGreaterThan(0);
    const file = mine.find((m) => m.msgtype === 'file');
    expect(file).toBeDefined();
    expect(mine.indexOf(file!)).toBeGreaterThan(mine.findIndex((m) => m.content?.includes('报告已生成')));
    const up = fake.uploads.find((u) => u.mediaId === file!.media_id)!;
    expect(up.filename).toBe('2024年度赵六的单位单位整体支出绩效自评报告.docx');
    expect(up.content.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('the 自建应用 end to end', () => {
  it('runs the whole seed report through the callback; ends with media/upload of the DOCX and a file message; 20 messages at once stay in order', async () => {
    const { Walker } = await import('../helpers/walker.js');
    const { seedModel } = await import('../helpers/rulesets.js');
    const { loadReportModel } = await import('../../src/store/reports.js');
    const database = await testDatabases()[0]!.open();
    const fake = new FakeWecomApi();
    await fake.start();
    const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
    const queues = new UserQueues();
    // typed answers as fast as they are answered: the per-member pacing (30 a minute) is not this test's subject
    const api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url, perUserPerMinute: Infinity });
    const channel = wecomAppRouter({ bot, database, queues, api, corpId: APP.corpId, token: APP.token, aesKey: APP.aesKey });
    const server = createApp({ config: readConfig({}), database, bot, routers: [channel.router] }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const idle = async () => {
      await new Promise((r) => setTimeout(r, 5));
      while (queues.size > 0) await new Promise((r) => setTimeout(r, 5));
    };

    const walker = new Walker(database, bot, seedModel(), 'wecom:appwalker', 'wecom-app');
    walker.transport = async (text) => {
      const res = await postCallback(url, textMsg('appwalker', text));
      expect(res.status).toBe(200);
      await idle();
      return [];
    };
    await walker.walk();
    // the report is built off the turn: wait for its file message, however long a loaded machine takes
    await waitUntil('the DOCX sent to appwalker as a file', () => fake.sent.some((s) => s.touser === 'appwalker' && s.msgtype === 'file'));
    const upload = fake.uploads.at(-1)!;
    expect(upload.filename).toBe('2024年度岳阳市法律援助中心单位整体支出绩效自评报告.docx');
    expect(upload.content.subarray(0, 2).toString('latin1')).toBe('PK');
    const last = fake.sent.filter((s) => s.touser === 'appwalker');
    expect(fake.refused).toEqual([]);
    expect(last.some((m) => m.msgtype === 'file' && m.media_id === upload.mediaId)).toBe(true);
    expect(last.map((m) => m.content ?? '').join('\n')).toContain('自评得分 96.88 分（优）');

    // 20 messages for one user at once. Each POST is acknowledged before its turn runs, so all
    // 20 turns are queued while the first is still being handled: they must run in arrival order.
    // Early replies are the slowest to send: without one queue per user, later turns would overtake them.
    let k = 0;
    fake.sendDelay = () => Math.max(2, 120 - 6 * k++);
    const sentBefore = fake.sent.length;
    for (let i = 1; i <= 20; i++) expect((await postCallback(url, textMsg('appwalker', `交办重点工作数 改为 ${i}`))).status).toBe(200);
    expect(queues.size).toBeGreaterThan(1);
    await idle();
    const confirmations = fake.sent.slice(sentBefore).map((m) => m.content?.match(/已记录 交办重点工作数 (\d+)项/)?.[1]).filter(Boolean);
    expect(confirmations).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    const state = await walker.state();
    const { model } = await loadReportModel(database.db, state.reportId!);
    expect(model.values['keyWork.assigned']).toBe(20);
    const rows = await database.db.answerHistory.findMany({ where: { reportId: state.reportId!, fieldKey: 'keyWork.assigned' }, orderBy: { id: 'asc' } });
    expect(rows.slice(-20).map((r) => r.newValue)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    await new Promise<void>((r) => server.close(() => r()));
    await fake.stop();
    await database.close();
  }, 180_000);
});
