import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { CARD_CHANNEL } from '../../src/bot/wecom-app-cards.js';
import { WecomApi } from '../../src/bot/wecom-api.js';
import { CHANNEL, wecomAppRouter } from '../../src/bot/wecom-app.js';
import { readConfig } from '../../src/config.js';
import type { DialogState } from '../../src/dialogs/types.js';
import { zh } from '../../src/messages/zh.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { loadConversation, loadReportModel } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';
import { APP, FakeWecomApi, appText, postCallback } from '../helpers/fake-wecom-api.js';

/**
 * Issue 23, 自建应用: choice questions as button_interaction template cards, clicks from
 * template_card_event callbacks, the clicked card greyed with update_template_card; stale,
 * foreign and unknown cards refused with a Chinese reply and nothing stored.
 */
for (const t of testDatabases()) {
  describe(`自建应用 choice cards on ${t.name}`, () => {
    let database: Database;
    let fake: FakeWecomApi;
    let server: Server;
    let url: string;
    let queues: UserQueues;
    const logs: string[] = [];

    beforeAll(async () => {
      database = await t.open();
      fake = new FakeWecomApi();
      await fake.start();
      const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
      const api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url, sleep: async () => undefined, log: (l, m) => void logs.push(`${l} ${m}`) });
      queues = new UserQueues();
      const channel = wecomAppRouter({ bot, database, queues, api, corpId: APP.corpId, token: APP.token, aesKey: APP.aesKey, log: (l, m) => void logs.push(`${l} ${m}`) });
      server = createApp({ config: readConfig({}), database, bot, routers: [channel.router] }).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await fake.stop();
      await database.close();
      await t.cleanup();
    });

    /** Until every stored callback has been run (no queue busy, none pending in the inbox). */
    const idle = async () => {
      const end = Date.now() + 120_000; // backstop for a loaded machine
      for (;;) {
        const pending = await database.db.inboxMessage.count({ where: { channel: CHANNEL, processedAt: null } });
        if (!pending && queues.size === 0) return;
        if (Date.now() > end) throw new Error(`still ${pending} pending`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const post = async (fields: Record<string, string | number>) => {
      expect((await postCallback(url, fields)).status).toBe(200);
      await idle();
    };
    const say = (user: string, text: string) => post(appText(user, text));
    const texts = (user: string) => fake.sent.filter((s) => s.touser === user && s.msgtype === 'text').map((s) => s.content ?? '');
    const lastCard = (user: string) => fake.cards(user).at(-1)!;
    const state = async (user: string): Promise<DialogState> => {
      const u = await database.db.user.findUniqueOrThrow({ where: { externalId: `wecom:${user}` } });
      return (await loadConversation(database.db, u.id, CHANNEL)) as DialogState;
    };
    const values = async (user: string) => (await loadReportModel(database.db, (await state(user)).reportId!)).model.values;
    /** Onboard `user` up to the first question of the report (a choice question with a card). */
    const onboard = async (user: string) => {
      await say(user, '你好');
      await post(fake.click(lastCard(user).task_id!, '0')); // 创建单位
      await say(user, `${user}的单位`);
      await say(user, '正科级');
      await say(user, '2024');
    };

    it('the welcome’s choices are a button_interaction card with a valid task_id; a click answers it and greys the card', async () => {
      await say('card1', '你好');
      const card = lastCard('card1');
      expect(card).toMatchObject({ card_type: 'button_interaction', main_title: { title: '请选择' } });
      expect(card.task_id).toMatch(/^[A-Za-z0-9_\-@]{1,128}$/);
      expect(card.button_list!.map((b) => [b.text, b.key])).toEqual([['创建单位', '0'], ['加入单位', '1']]);
      expect(texts('card1').at(-1)).not.toContain('1. 创建单位');

      await post(fake.click(card.task_id!, '0'));
      expect(texts('card1').at(-1)).toContain('请输入单位全称');
      expect((await state('card1')).step.kind).toBe('unitName');
      expect(fake.updates.at(-1)).toEqual({ userids: ['card1'], taskId: card.task_id, replaceName: '已选择：创建单位' });
      expect(fake.refused).toEqual([]);
    });

    it('more than six choices are listed once as text, with no card', async () => {
      await say('card1', '卡片单位');
      const cards = fake.cards('card1').length;
      await say('card1', '——'); // not a level: asked again
      expect(texts('card1').at(-1)).toContain('8. 其他');
      expect(fake.cards('card1').length).toBe(cards);
    });

    it('a click on a card of an earlier question stores nothing: the option has expired, the current question comes again', async () => {
      await onboard('stale');
      const first = await state('stale');
      expect(first.step.kind).toBe('field');
      const q1 = first.step.kind === 'field' ? first.step.ref.key : '';
      const c1 = lastCard('stale');
      await post(fake.click(c1.task_id!, '0'));
      const v1 = (await values('stale'))[q1];
      expect(v1).toBeDefined();
      const now = await state('stale');
      expect(now.step).not.toEqual(first.step);
      const before = await values('stale');

      // the same card again, another button: too late
      await post(fake.click(c1.task_id!, '1'));
      expect(texts('stale').at(-1)).toContain(zh.wecomApp.cardExpired);
      expect(await values('stale')).toEqual(before);
      expect((await values('stale'))[q1]).toEqual(v1);
      expect((await state('stale')).step).toEqual(now.step);
      // its buttons are greyed as expired; the current question has fresh buttons when it has choices
      expect(fake.updates.at(-1)).toMatchObject({ taskId: c1.task_id, replaceName: zh.wecomApp.cardGone });
      expect(fake.refused).toEqual([]);
    });

    it('typing the answer closes the card: a later click on it is expired', async () => {
      await onboard('typist');
      const c = lastCard('typist');
      const q = await state('typist');
      await say('typist', '1');
      const after = await state('typist');
      expect(after.step).not.toEqual(q.step);
      const before = await values('typist');
      await post(fake.click(c.task_id!, '1'));
      expect(texts('typist').at(-1)).toContain(zh.wecomApp.cardExpired);
      expect(await values('typist')).toEqual(before);
    });

    it('a click from another person than the card’s is refused and logged; nothing stored for either', async () => {
      await onboard('owner');
      const c = lastCard('owner');
      const ownerState = await state('owner');
      const before = await values('owner');
      await say('intruder', '你好');
      await post(fake.click(c.task_id!, '0', 'intruder'));
      expect(texts('intruder').at(-1)).toBe(zh.wecomApp.cardNotYours);
      expect(logs.some((l) => l.includes('click of wecom:intruder on card') && l.includes('sent to wecom:owner'))).toBe(true);
      expect(await values('owner')).toEqual(before);
      expect((await state('owner')).step).toEqual(ownerState.step);
      expect((await state('intruder')).step.kind).toBe('start');
      // the owner's card still works
      await post(fake.click(c.task_id!, '0'));
      expect((await state('owner')).step).not.toEqual(ownerState.step);
    });

    it('an unknown task_id, and an unknown button key, store nothing and show the current question', async () => {
      await onboard('unknown');
      const s = await state('unknown');
      const before = await values('unknown');
      await post({ ...fake.click('q-no-such-card', '0', 'unknown') });
      expect(texts('unknown').at(-1)).toContain(zh.wecomApp.cardUnknown);
      expect(logs.some((l) => l.includes('unknown card q-no-such-card'))).toBe(true);
      await post(fake.click(lastCard('unknown').task_id!, '9'));
      expect(texts('unknown').at(-1)).toContain(zh.wecomApp.cardExpired);
      expect(await values('unknown')).toEqual(before);
      expect((await state('unknown')).step).toEqual(s.step);
    });

    it('the same click delivered twice (WeCom retries) is handled once', async () => {
      await onboard('twice');
      const click = fake.click(lastCard('twice').task_id!, '0');
      const s = await state('twice');
      await Promise.all([postCallback(url, click), postCallback(url, click)]);
      await idle();
      const rows = await database.db.inboxMessage.count({ where: { channel: CHANNEL, userExternalId: 'wecom:twice', payload: { contains: 'template_card_event' } } });
      expect(rows).toBe(2); // the onboarding click and this one
      expect((await state('twice')).step).not.toEqual(s.step);
      expect(texts('twice').filter((x) => x.includes(zh.wecomApp.cardExpired))).toEqual([]);
    });

    it('an update_template_card refused (a response code used already) is logged; the click is still answered', async () => {
      await onboard('refusal');
      const c = lastCard('refusal');
      const click = fake.click(c.task_id!, '0');
      // spend the click's response code, as if another process had updated the card already
      const token = (await (await fetch(`${fake.url}/cgi-bin/gettoken?corpid=${APP.corpId}&corpsecret=${APP.secret}`)).json()) as { access_token: string };
      await fetch(`${fake.url}/cgi-bin/message/update_template_card?access_token=${token.access_token}`, {
        method: 'POST',
        body: JSON.stringify({ userids: ['refusal'], agentid: Number(APP.agentId), response_code: click.ResponseCode, button: { replace_name: 'x' } }),
      });
      const s = await state('refusal');
      const refused = fake.refused.length;
      await post(click);
      expect(fake.refused.slice(refused).map((r) => r.path)).toEqual(['message/update_template_card']);
      expect(logs.some((l) => l.includes('update_template_card for refusal refused'))).toBe(true);
      expect((await state('refusal')).step).not.toEqual(s.step);
      fake.refused.length = refused;
    });

    it('a card WeCom refuses is sent as a numbered list instead; a rate limit is retried, not dropped', async () => {
      await say('fallback', '你好');
      // the text goes out, the card after it is refused
      fake.sendFaults.push(0, 40058);
      await say('fallback', '帮助');
      expect(texts('fallback').at(-1)).toBe('1. 创建单位\n2. 加入单位');
      expect(logs.some((l) => l.includes('card to wecom:fallback refused (40058'))).toBe(true);
      // 45009 twice on the text, once on the card: all delivered
      const n = fake.sent.length;
      fake.sendFaults.push(45009, 45009, 0, 45009);
      await say('fallback', '帮助');
      expect(fake.sent.slice(n).map((s) => s.msgtype)).toEqual(['text', 'template_card']);
    });

    it('a member kept over the rate limit: one clear log line when the client gives up; other people are served', async () => {
      await say('quota', '你好');
      fake.sendFaults.push(...Array.from({ length: 8 }, () => 45009));
      await say('quota', '帮助');
      expect(logs.filter((l) => l.includes('message/send gave up after 8 tries (errcode 45009'))).toHaveLength(1);
      await say('quota-other', '你好');
      expect(texts('quota-other').at(-1)).toContain('您好，我是绩效自评助手');
    });

    it('cards are kept in the ledger under their own channel, one open at most per person', async () => {
      const open = await database.db.inboxMessage.groupBy({ by: ['userExternalId'], where: { channel: CARD_CHANNEL, processedAt: null }, _count: true });
      for (const g of open) expect(g._count, g.userExternalId).toBe(1);
    });
  });
}
