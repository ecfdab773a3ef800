import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { testDatabases, withDatabase } from '../helpers/databases.js';

/**
 * A person on both WeCom channels (智能机器人 and 自建应用 share the identity `wecom:<userid>`):
 * a unit created on one is seen on the other at its next message (found in review when sessions
 * were cached: the other channel greeted the person as if they had no unit).
 */
for (const t of testDatabases()) {
  describe(`a unit created on one channel, on ${t.name}`, () => {
    const ctx = withDatabase(t);

    it('is known on the other channel at once', async () => {
      const database = ctx.d;
      const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
      let n = 0;
      const say = async (channel: string, text: string, on = bot) =>
        (await on.handleMessage({ userExternalId: 'wecom:both', channel, text, messageId: `m${n++}` })).map((r) => r.text).join('\n');
      expect(await say('wecom-app', '你好')).toContain('绩效自评助手'); // the app channel's session is cached
      for (const text of ['创建单位', '两渠道单位', '正科级']) await say('wecom-bot', text);
      const fresh = new Bot({ database, defaultRuleSetId: 'yueyang-reference' }); // no cache: what the database says
      const expected = await say('wecom-web-check', '你好', fresh);
      expect(expected).toContain('自评年度');
      expect(await say('wecom-app', '你好')).toContain('自评年度');
    });

    it('a new person’s first messages on both channels at the same moment: one person, both answered', async () => {
      const database = ctx.d;
      const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
      const first = (channel: string, i: number) => bot.handleMessage({ userExternalId: 'wecom:twin', userName: '王五', channel, text: '你好', messageId: `twin${i}` });
      const [bot1, app1, bot2, app2] = await Promise.all([first('wecom-bot', 1), first('wecom-app', 2), first('wecom-bot', 3), first('wecom-app', 4)]);
      for (const replies of [bot1, app1, bot2, app2]) expect(replies.map((r) => r.text).join('\n')).toContain('绩效自评助手');
      expect(await database.db.user.findMany({ where: { externalId: 'wecom:twin' }, select: { name: true } })).toEqual([{ name: '王五' }]);
    });

    it('a repeated delivery of a new person’s first message gets no second reply and makes no second person', async () => {
      const bot = new Bot({ database: ctx.d, defaultRuleSetId: 'yueyang-reference' });
      const first = () => bot.handleMessage({ userExternalId: 'wecom:first-again', channel: 'wecom-bot', text: '创建单位', messageId: 'fa1' });
      expect((await first()).map((r) => r.text).join('')).toMatch(/单位/);
      expect(await first()).toEqual([]);
      expect(await ctx.d.db.user.count({ where: { externalId: 'wecom:first-again' } })).toBe(1);
    });

    it('a repeated delivery of the message that creates the unit creates nothing more and gets no reply', async () => {
      const database = ctx.d;
      const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
      const send = (text: string, messageId: string) => bot.handleMessage({ userExternalId: 'wecom:again', channel: 'wecom-bot', text, messageId });
      await send('创建单位', 'a1');
      await send('重复投递单位', 'a2');
      expect((await send('正科级', 'a3')).map((r) => r.text).join('')).toContain('已创建单位「重复投递单位」');
      expect(await send('正科级', 'a3')).toEqual([]); // WeCom delivers the same message again
      expect(await database.db.unit.count({ where: { name: '重复投递单位' } })).toBe(1);
      expect(await database.db.auditLog.count({ where: { action: 'unit.create', detail: JSON.stringify({ name: '重复投递单位' }) } })).toBe(1);
    });
  });
}
