import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { DialogState } from '../../src/dialogs/types.js';
import { getField } from '../../src/report/catalogue.js';
import { checkValue } from '../../src/report/dataset.js';
import type { Database } from '../../src/store/db.js';
import { commitTurn, loadConversation } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';

for (const t of testDatabases()) {
  describe(`isolation between units on ${t.name}`, () => {
    let database: Database;
    let bot: Bot;
    let n = 0;
    const say = (user: string, text: string) => bot.handleMessage({ channel: 'test', userExternalId: user, text, messageId: `iso-${++n}` }).then((r) => r);
    const texts = async (user: string, text: string) => (await say(user, text)).map((r) => r.text).join('\n');
    const stateOf = async (user: string) => {
      const u = await database.db.user.findUnique({ where: { externalId: user } });
      return { userId: u!.id, state: (await loadConversation(database.db, u!.id, 'test')) as DialogState };
    };
    let fileA = '';

    beforeAll(async () => {
      database = await t.open();
      bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
      for (const m of ['创建单位', '甲单位机密中心', '正科级', '2024', '编制数 11 实有人数 9', '人员经费 改为 160.2', '生成报告', '确认生成']) {
        const r = await say('wecom:a', m);
        const f = r.find((x) => x.file);
        if (f) fileA = f.file!.fileId;
      }
      for (const m of ['创建单位', '乙单位', '正科级', '2024']) await say('wecom:b', m);
    });
    afterAll(async () => {
      await database.close();
      await t.cleanup();
    });

    it('staff of B see nothing of A by any command', async () => {
      for (const cmd of ['得分', '进度', '查看 基本情况', '查看 预算执行', '项目列表', '目标列表', '年度 2024', '生成报告', '确认生成', '修改 人员经费', '加入 AAAAAA']) {
        const out = await texts('wecom:b', cmd);
        expect(out, cmd).not.toContain('甲单位机密中心');
        expect(out, cmd).not.toContain('160.20');
      }
    });

    it('nor by a file id, nor by a conversation state tampered to point at A’s report', async () => {
      expect(fileA).not.toBe('');
      expect(await bot.file(fileA, 'wecom:a')).toBeDefined();
      expect(await bot.file(fileA, 'wecom:b')).toBeUndefined();
      const a = await stateOf('wecom:a');
      const b = await stateOf('wecom:b');
      await commitTurn(database.db, { userId: b.userId, patch: { conversation: { channel: 'test', state: { ...b.state, reportId: a.state.reportId, unitId: a.state.unitId } } } });
      // the tampered state is dropped; the command runs on B's own report (a command before the
      // year question opens the unit's latest report: issue 25 item 5)
      const out = await texts('wecom:b', '查看 基本情况');
      expect(out).not.toContain('甲单位机密中心');
      expect(out).toContain('已打开「乙单位」2024年度的报告');
      expect((await stateOf('wecom:b')).state.reportId).not.toBe(a.state.reportId);
      await commitTurn(database.db, { userId: b.userId, patch: { conversation: { channel: 'test', state: { ...b.state, reportId: a.state.reportId, unitId: a.state.unitId } } } });
      const written = await texts('wecom:b', '人员经费 改为 1');
      expect(written).toContain('已打开「乙单位」2024年度的报告');
      const aReport = await database.db.answer.findFirst({ where: { reportId: a.state.reportId!, fieldKey: 'basic.personnel' } });
      expect(aReport!.value).toBe('160.2');
      const bReport = await database.db.answer.findFirst({ where: { reportId: b.state.reportId!, fieldKey: 'basic.personnel' } });
      expect(bReport!.value).toBe('1');
    });

    it('every change is in the history and the audit log with who and when', async () => {
      const { userId, state } = await stateOf('wecom:a');
      const history = await database.db.answerHistory.findMany({ where: { reportId: state.reportId! } });
      expect(history.length).toBeGreaterThanOrEqual(6);
      for (const h of history) {
        expect(h.userId).toBe(userId);
        expect(h.createdAt).toBeInstanceOf(Date);
      }
      const audit = await database.db.auditLog.findMany({ where: { unitId: state.unitId! } });
      expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['unit.create', 'report.open', 'answers.save', 'report.generate']));
      for (const x of audit) expect(x.userId).toBe(userId);
    });

    it('random message sequences never break the bot or store a value outside its bounds', async () => {
      const words = ['帮助', '得分', '跳过', '上一步', '修改 人员经费', '人员经费 改为 -5', '1e309', '😀', '添加项目', '删除项目 1', '确认', '是', '否', '生成报告', '取消', '编制数 5 实有人数 99999999', '百分之一千'];
      const msg = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom(...words), fc.double().map(String));
      let user = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(msg, { minLength: 3, maxLength: 12 }), async (seq) => {
          const who = `wecom:fuzz${++user}`;
          for (const m of ['创建单位', `模糊测试${user}`, '正科级', '2024', ...seq]) {
            const r = await say(who, m);
            expect(Array.isArray(r)).toBe(true);
          }
          const { state } = await stateOf(who);
          const answers = await database.db.answer.findMany({ where: { reportId: state.reportId! } });
          for (const a of answers) expect(checkValue(getField(a.fieldKey)!, JSON.parse(a.value)).ok, `${a.fieldKey}=${a.value}`).toBe(true);
        }),
        { numRuns: 15 },
      );
    }, 300_000);
  });
}
