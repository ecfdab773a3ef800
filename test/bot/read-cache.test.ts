import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { Database } from '../../src/store/db.js';
import { ReportModelCache } from '../../src/store/model-cache.js';
import { setRole } from '../../src/store/people.js';
import { loadReportModel } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';

/**
 * A turn reads the person's session and the report's version every time, on both databases; the
 * report's model comes from the cache when its version is the cached one. Every write elsewhere
 * (another instance) must be seen by the very next turn.
 */
for (const t of testDatabases()) {
  describe(`a turn's reads on ${t.name}`, () => {
    let database: Database;
    let other: Database; // another instance on the same database
    let bot: Bot;
    let otherBot: Bot;
    const reads = { session: 0, report: 0 };
    let n = 0;
    const say = (b: Bot, user: string, text: string) =>
      b.handleMessage({ channel: 'test', userExternalId: user, text, messageId: `c${++n}` }).then((r) => r.map((x) => x.text).join('\n'));
    const reportOf = async (user: string) => {
      const u = await database.db.user.findUnique({ where: { externalId: user } });
      const state = JSON.parse((await database.db.conversationState.findUnique({ where: { userId_channel: { userId: u!.id, channel: 'test' } } }))!.state);
      return state.reportId as string;
    };

    beforeAll(async () => {
      database = await t.open();
      other = await t.open();
      const { sessionRows, reportRow } = database.hot;
      database.hot.sessionRows = (...a) => (reads.session++, sessionRows(...a));
      database.hot.reportRow = (...a) => (reads.report++, reportRow(...a));
      const opts = { defaultRuleSetId: 'yueyang-reference', now: () => new Date('2025-03-01T09:00:00Z') };
      bot = new Bot({ database, ...opts });
      otherBot = new Bot({ database: other, ...opts });
      for (const text of ['创建单位', '缓存单位', '正科级', '2024']) await say(bot, 'wecom:a', text);
    });
    afterAll(async () => {
      await other.close();
      await database.close();
      await t.cleanup();
    });

    it('every turn reads the session and the report version', async () => {
      await say(bot, 'wecom:a', '编制数 改为 11');
      reads.session = reads.report = 0;
      expect(await say(bot, 'wecom:a', '实有人数 改为 9')).toContain('已记录');
      expect(await say(bot, 'wecom:a', '公用经费 改为 14.08')).toContain('已记录');
      expect(reads).toEqual({ session: 2, report: 2 });
      const { model } = await loadReportModel(database.db, await reportOf('wecom:a'));
      expect(model.values).toMatchObject({ 'staff.authorized': 11, 'staff.actual': 9, 'basic.public': 14.08 });
    });

    it('a turn hands back its replies before the caches follow its commit; the next turn sees them followed', async () => {
      await new Promise((r) => setImmediate(r)); // the previous turns' upkeep is done
      const committed = vi.spyOn(ReportModelCache.prototype, 'committed');
      try {
        const turn = await bot.handleTurn({ channel: 'test', userExternalId: 'wecom:a', text: '公用经费 改为 14.10', messageId: `c${++n}` });
        expect(turn.replies.map((r) => r.text).join('\n')).toContain('已记录');
        expect(committed).not.toHaveBeenCalled();
        // no immediate in between: the next turn brings the caches up to date before reading them
        reads.session = reads.report = 0;
        expect(await say(bot, 'wecom:a', '查看 预算执行')).toMatch(/公用经费：14\.10?/);
        expect(committed).toHaveBeenCalledTimes(1);
        expect(reads).toEqual({ session: 1, report: 1 });
      } finally {
        committed.mockRestore();
      }
    });

    it('a figure written by another instance is seen by the next turn, and kept by it', async () => {
      await say(bot, 'wecom:a', '基本支出合计 改为 174.28');
      expect(await say(otherBot, 'wecom:a', '人员经费 改为 160.20')).toContain('已记录');
      expect(await say(bot, 'wecom:a', '查看 预算执行')).toMatch(/人员经费：160\.20?/);
      await say(bot, 'wecom:a', '年初预算数 改为 330');
      const { model } = await loadReportModel(database.db, await reportOf('wecom:a'));
      expect(model.values).toMatchObject({ 'basic.total': 174.28, 'basic.personnel': 160.2, 'budget.initial': 330 });
    });

    it('the conversation moved on by another instance continues from there', async () => {
      // the person is asked a question here, answers elsewhere, then writes here again
      await say(bot, 'wecom:a', '跳过');
      const asked = await say(otherBot, 'wecom:a', '上一步');
      const here = await say(bot, 'wecom:a', '进度');
      const question = (s: string) => s.match(/【第\d+\/\d+项[^\n]*/)?.[0];
      expect(question(asked)).toBeDefined();
      expect(question(here)).toBe(question(asked));
    });

    it('an action after a write elsewhere reads afresh before it writes anything', async () => {
      await say(bot, 'wecom:a', '进度');
      const u = await other.db.user.findUnique({ where: { externalId: 'wecom:a' } });
      await other.db.auditLog.create({ data: { userId: u!.id, action: 'elsewhere', detail: 'null' } });
      reads.session = reads.report = 0;
      expect(await say(bot, 'wecom:a', '邀请')).toMatch(/邀请码：[A-Z0-9]{8}/);
      expect(reads.session).toBeGreaterThanOrEqual(1);
    });

    it('before any report, a conversation moved on elsewhere is not overwritten by the cached one', async () => {
      const code = (await say(bot, 'wecom:a', '邀请')).match(/邀请码：([A-Z0-9]{8})/)![1]!;
      await say(bot, 'wecom:c', '你好'); // a new person: cached here, no unit, no report
      await say(otherBot, 'wecom:c', `加入 ${code}`); // joins through the other instance: now on the unit's report
      await say(bot, 'wecom:c', '帮助'); // a turn without a report commits through the checked path
      const u = await database.db.user.findUnique({ where: { externalId: 'wecom:c' } });
      const row = await database.db.conversationState.findUnique({ where: { userId_channel: { userId: u!.id, channel: 'test' } } });
      const state = JSON.parse(row!.state);
      expect(state.reportId).toBeTruthy();
      expect(state.step.kind).not.toBe('start');
    });

    it('a role changed by another instance applies to the next message', async () => {
      const invite = await say(bot, 'wecom:a', '邀请');
      const code = invite.match(/邀请码：([A-Z0-9]{8})/)![1]!;
      await say(bot, 'wecom:b', `加入 ${code}`);
      await say(bot, 'wecom:b', '2024');
      expect(await say(bot, 'wecom:b', '公用经费 改为 14.5')).toContain('已记录');
      const unit = await other.db.unit.findFirst({ where: { name: '缓存单位' } });
      const [a, b] = await Promise.all(['wecom:a', 'wecom:b'].map((e) => other.db.user.findUnique({ where: { externalId: e } })));
      await setRole(other.db, { unitId: unit!.id, byUserId: a!.id, userId: b!.id, role: 'reviewer' });
      // the turn reads the person's role afresh (the report model may come from the cache, at the
      // version just read): one refusal, nothing written
      const refused = await say(bot, 'wecom:b', '公用经费 改为 15');
      expect(refused.match(/您的角色是审核人/g)).toHaveLength(1);
      expect(refused).not.toContain('已记录');
      const { model } = await loadReportModel(database.db, await reportOf('wecom:a'));
      expect(model.values['basic.public']).toBe(14.5);
    });
  });
}
