import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomApi } from '../../src/bot/wecom-api.js';
import { CHANNEL, wecomAppRouter } from '../../src/bot/wecom-app.js';
import { readConfig } from '../../src/config.js';
import { createApp } from '../../src/server.js';
import { loadReportModel } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';
import { APP, FakeWecomApi, appText, postCallback, type SentMessage } from '../helpers/fake-wecom-api.js';
import { seedModel } from '../helpers/rulesets.js';
import { waitUntil } from '../helpers/wait.js';
import { Walker } from '../helpers/walker.js';

/**
 * Issue 23, done-when: the whole seed report through the 自建应用 callback against the strict
 * fake API, every question that comes with buttons answered by clicking one (template_card_event),
 * ending with the DOCX as a file message, with zero refused calls. WeCom's limit of 30 messages
 * per member per minute is enforced by the fake on a virtual clock that the client's waits
 * advance: the client must pace itself, since WeCom drops the excess.
 */
const [t] = testDatabases();
const stripIds = (m: ReturnType<typeof seedModel>) => ({
  values: m.values,
  special: (m.groups.special ?? []).map((s) => ({ values: s.values, rows: (s.children.specialIndicator ?? []).map((r) => r.values) })),
  target: (m.groups.target ?? []).map((x) => x.values),
});

describe('the whole seed report through the 自建应用, choices by card clicks', () => {
  it('ends with the DOCX as a file; every choice by a click; zero refused calls; at most 30 messages a minute', async () => {
    const database = await t!.open();
    const fake = new FakeWecomApi();
    await fake.start();
    let clock = Date.now();
    const waits: number[] = [];
    fake.clock = () => clock;
    fake.perUserPerMinute = 30;
    const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
    const queues = new UserQueues();
    const api = new WecomApi({
      corpId: APP.corpId,
      agentId: APP.agentId,
      secret: APP.secret,
      base: fake.url,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    const channel = wecomAppRouter({ bot, database, queues, api, corpId: APP.corpId, token: APP.token, aesKey: APP.aesKey });
    const server = createApp({ config: readConfig({}), database, bot, routers: [channel.router] }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const idle = async () => {
      for (;;) {
        const pending = await database.db.inboxMessage.count({ where: { channel: CHANNEL, processedAt: null } });
        if (!pending && queues.size === 0) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    const user = 'cardwalker';
    let card: SentMessage['card'];
    let clicks = 0;
    let typedChoices = 0;
    const walker = new Walker(database, bot, seedModel(), `wecom:${user}`, CHANNEL);
    walker.transport = async (text) => {
      const from = fake.sent.length;
      const button = card?.button_list?.find((b) => b.text === text);
      if (button) clicks++;
      // a card was up, but the answer is none of its buttons (跳过, a number…); a card offering only a
      // default (用默认) may be typed over with the unit's own words
      else if (card && card.button_list?.some((b) => b.text !== '用默认')) typedChoices++;
      const fields = button ? fake.click(card!.task_id!, button.key!) : appText(user, text);
      expect((await postCallback(url, fields)).status).toBe(200);
      await idle();
      card = fake.sent.slice(from).filter((s) => s.touser === user && s.card).at(-1)?.card;
      return [];
    };
    await walker.walk();
    await idle();
    // the report is built off the turn: wait for its file message, however long a loaded machine takes
    await waitUntil('the DOCX sent to the walker as a file', () => fake.sent.some((s) => s.touser === user && s.msgtype === 'file'));

    const upload = fake.uploads.at(-1)!;
    expect(upload.filename).toBe('2024年度岳阳市法律援助中心单位整体支出绩效自评报告.docx');
    expect(upload.content.subarray(0, 2).toString('latin1')).toBe('PK');
    const mine = fake.sent.filter((s) => s.touser === user);
    expect(mine.at(-1)).toMatchObject({ msgtype: 'file', media_id: upload.mediaId });
    expect(mine.map((m) => m.content ?? '').join('\n')).toContain('自评得分 96.88 分（优）');
    // every question with buttons was answered by a click (the walker's answer was one of them)
    expect(clicks).toBeGreaterThan(20);
    expect(fake.updates.filter((u) => u.userids[0] === user)).toHaveLength(clicks);
    expect(typedChoices).toBe(0);
    // the stored report is the seed's
    const state = await walker.state();
    const { model } = await loadReportModel(database.db, state.reportId!);
    expect(stripIds(model)).toEqual(stripIds(seedModel()));
    // WeCom would have refused (dropped) nothing: the client waited for the per-member limit
    expect(fake.refused).toEqual([]);
    expect(mine.length).toBeGreaterThan(60);
    expect(waits.length).toBeGreaterThan(0);

    await new Promise<void>((r) => server.close(() => r()));
    await channel.stop();
    await fake.stop();
    await database.close();
    await t!.cleanup();
  }, 240_000);
});
