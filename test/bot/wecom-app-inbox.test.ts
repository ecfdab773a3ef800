import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { UserQueues } from '../../src/bot/queue.js';
import { WecomApi } from '../../src/bot/wecom-api.js';
import { CHANNEL, wecomAppRouter, type WecomApp } from '../../src/bot/wecom-app.js';
import { readConfig } from '../../src/config.js';
import { createApp } from '../../src/server.js';
import type { Database } from '../../src/store/db.js';
import { enqueue, markDone } from '../../src/store/inbox.js';
import { testDatabases } from '../helpers/databases.js';
import { APP, FakeWecomApi, postCallback, appText } from '../helpers/fake-wecom-api.js';

/**
 * The 自建应用 inbox (issue 22, item 5): a callback is stored before it is acknowledged, a retried
 * delivery is stored once, and what a previous process stored but did not finish is run at the
 * next start, in arrival order, once. (The kill -9 of a real process: wecom-app-crash.test.ts.)
 */
let seq = 0;
const text = appText;
/** Stored by a process that ran before this one started. */
const earlier = () => new Date(Date.now() - 60_000);
const payload = (m: Record<string, string | number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));

for (const t of testDatabases()) {
  describe(`the 自建应用 inbox on ${t.name}`, { timeout: 180_000 }, () => {
    let database: Database;
    let fake: FakeWecomApi;
    let bot: Bot;
    let api: WecomApi;
    let server: Server;
    let url: string;
    let live: WecomApp;
    const logs: string[] = [];
    const started: WecomApp[] = [];

    /** A router as a (re)started process makes it: it runs what is pending at once. */
    const start = (queues = new UserQueues()) => {
      const app = wecomAppRouter({ bot, database, queues, api, corpId: APP.corpId, token: APP.token, aesKey: APP.aesKey, log: (l, m) => void logs.push(`${l} ${m}`) });
      started.push(app);
      return app;
    };

    beforeAll(async () => {
      database = await t.open();
      fake = new FakeWecomApi();
      await fake.start();
      bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
      api = new WecomApi({ corpId: APP.corpId, agentId: APP.agentId, secret: APP.secret, base: fake.url });
      live = start();
      await live.recovered;
      server = createApp({ config: readConfig({}), database, bot, routers: [live.router] }).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise<void>((r) => server.close(() => r()));
      for (const a of started) await a.stop();
      await fake.stop();
      await database.close();
      await t.cleanup();
    });

    // texts and files (the choice cards that follow questions are checked in wecom-app-cards.test.ts)
  const sentTo = (user: string) => fake.sent.filter((s) => s.touser === user && s.msgtype !== 'template_card');
    const waitFor = async (what: string, ok: () => boolean | Promise<boolean>) => {
      const end = Date.now() + 120_000; // backstop for a loaded machine
      while (!(await ok())) {
        if (Date.now() > end) {
          const pending = await database.db.inboxMessage.findMany({ where: { channel: CHANNEL, processedAt: null } });
          throw new Error(`timed out waiting for ${what}; pending: ${JSON.stringify(pending)}; last sent: ${JSON.stringify(fake.sent.slice(-3))}; log: ${logs.join(' | ')}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const rows = (user: string) => database.db.inboxMessage.findMany({ where: { channel: CHANNEL, userExternalId: `wecom:${user}` }, orderBy: { id: 'asc' } });

    it('a callback is stored (committed) before it is answered with 200', async () => {
      const res = await postCallback(url, text('zhou', '帮助', 'stored-1'));
      expect(res.status).toBe(200);
      // read right after the 200: the row is there, whether or not its turn has run yet
      const [row] = await rows('zhou');
      expect(row).toMatchObject({ channel: CHANNEL, messageId: 'stored-1' });
      expect(JSON.parse(row!.payload)).toMatchObject({ FromUserName: 'zhou', MsgType: 'text', Content: '帮助' });
      await waitFor('processed', async () => (await rows('zhou'))[0]!.processedAt !== null);
      expect(sentTo('zhou')).toHaveLength(1);
    });

    it('a retried delivery is stored and answered once: the same MsgId, and the same event (which has no MsgId)', async () => {
      const msg = text('wu', '帮助', 'retry-2');
      expect((await Promise.all([0, 1, 2].map(() => postCallback(url, msg)))).map((r) => r.status)).toEqual([200, 200, 200]);
      const enter = { ToUserName: APP.corpId, FromUserName: 'wu', CreateTime: 1_700_000_000, MsgType: 'event', Event: 'enter_agent', EventKey: '', AgentID: APP.agentId };
      // each delivery is encrypted afresh (another random prefix): the same event all the same
      expect((await postCallback(url, enter)).status).toBe(200);
      expect((await postCallback(url, enter)).status).toBe(200);
      const stored = await rows('wu');
      expect(stored.map((r) => r.messageId)).toEqual(['retry-2', 'wu:1700000000:enter_agent:']);
      // a message is marked processed after its replies were sent, and the retries were never stored
      await waitFor('both processed', async () => (await rows('wu')).every((r) => r.processedAt !== null));
      expect(sentTo('wu')).toHaveLength(2);
    });

    it('messages stored by a process that died are run at the next start, in arrival order, once each', async () => {
      // What a killed process left: three messages of one user and one of another, none run …
      const sun = ['创建单位', '孙的单位', '正科级'].map((c) => text('sun', c));
      for (const m of [sun[0]!, text('qian', '帮助'), sun[1]!, sun[2]!]) {
        await enqueue(database, { channel: CHANNEL, messageId: String(m.MsgId), userExternalId: `wecom:${m.FromUserName}`, payload: payload(m) }, earlier());
      }
      // … one whose turn committed before the kill (the reply may or may not have gone out) …
      const committed = text('qian', '进度');
      await bot.handleTurn({ channel: CHANNEL, userExternalId: 'wecom:qian', text: '进度', messageId: committed.MsgId });
      await enqueue(database, { channel: CHANNEL, messageId: committed.MsgId, userExternalId: 'wecom:qian', payload: payload(committed) }, earlier());
      // … and one that was finished.
      await enqueue(database, { channel: CHANNEL, messageId: 'finished-1', userExternalId: 'wecom:qian', payload: payload(text('qian', '帮助', 'finished-1')) }, earlier());
      await markDone(database, CHANNEL, 'finished-1');

      const restarted = start();
      await restarted.recovered;
      await waitFor('all processed', async () => (await database.db.inboxMessage.count({ where: { channel: CHANNEL, processedAt: null } })) === 0);
      const replies = sentTo('sun').map((s) => s.content ?? '');
      expect(replies).toHaveLength(3);
      expect(replies[0]).toContain('请输入单位全称');
      expect(replies[1]).toContain('请选择机构级别');
      expect(replies[2]).toContain('已创建单位');
      // 帮助 once; the committed 进度 and the finished message not again
      expect(sentTo('qian')).toHaveLength(1);
      expect((await rows('sun')).map((r) => r.attempts)).toEqual([1, 1, 1]);
      expect(logs.some((l) => l.includes('5 stored message(s) not processed before the last stop'))).toBe(true);
      // a second start finds nothing to do
      const again = start();
      await again.recovered;
      // recovery hands what it claims to the queues before it resolves: nothing was
      expect(again.health().pending).toBe(0);
      expect(sentTo('sun')).toHaveLength(3);
    }, 180_000);

    it('a message that was pending at more than three starts is given up, not run again', async () => {
      const m = text('zheng', '帮助');
      expect(await enqueue(database, { channel: CHANNEL, messageId: m.MsgId, userExternalId: 'wecom:zheng', payload: payload(m) }, earlier())).toBe(true);
      const key = { channel_messageId: { channel: CHANNEL, messageId: m.MsgId } };
      await database.db.inboxMessage.update({ where: key, data: { attempts: 3 } });
      const restarted = start();
      await restarted.recovered;
      const row = await database.db.inboxMessage.findUnique({ where: key });
      expect(row).toMatchObject({ attempts: 4 });
      expect(row!.processedAt).not.toBeNull();
      expect(sentTo('zheng')).toHaveLength(0);
      expect(logs.some((l) => l.startsWith('error') && l.includes(`message ${m.MsgId} of wecom:zheng was pending at 4 starts; given up`))).toBe(true);
    });

    it('once stopped, callbacks are refused with 503 (WeCom delivers them again) and nothing is stored', async () => {
      const queues = new UserQueues();
      const stopping = start(queues);
      await stopping.recovered;
      const s = createApp({ config: readConfig({}), database, bot, routers: [stopping.router] }).listen(0, '127.0.0.1');
      await new Promise((r) => s.once('listening', r));
      const u = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
      await stopping.stop();
      const res = await postCallback(u, text('feng', '帮助'));
      expect(res.status).toBe(503);
      expect(await rows('feng')).toHaveLength(0);
      await new Promise<void>((r) => s.close(() => r()));
    });
  });
}
