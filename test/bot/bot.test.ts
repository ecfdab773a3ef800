import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { DialogState } from '../../src/dialogs/types.js';
import type { Database } from '../../src/store/db.js';
import { setRole } from '../../src/store/people.js';
import { loadConversation, loadReportModel } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';

for (const t of testDatabases()) {
  describe(`bot over the store on ${t.name}`, () => {
    let database: Database;
    let bot: Bot;
    let n = 0;
    const say = (user: string, text: string, messageId = `m${++n}`) =>
      bot.handleMessage({ channel: 'test', userExternalId: user, text, messageId }).then((r) => r.map((x) => x.text).join('\n'));
    const stateOf = async (user: string) => {
      const u = await database.db.user.findUnique({ where: { externalId: user } });
      return (await loadConversation(database.db, u!.id, 'test')) as DialogState;
    };
    beforeAll(async () => {
      database = await t.open();
      bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference', now: () => new Date('2025-03-01T09:00:00Z') });
    });
    afterAll(async () => {
      await database.close();
      await t.cleanup();
    });

    it('a failed report build is logged and answered with what to do next; the turn stays saved', async () => {
      const logged: string[] = [];
      const failing = new Bot({
        database,
        defaultRuleSetId: 'yueyang-reference',
        build: async () => {
          throw new Error('disk full');
        },
        log: (_level, msg) => logged.push(msg),
      });
      const send = (text: string) => failing.handleMessage({ channel: 'test', userExternalId: 'wecom:builder', text, messageId: `b${++n}` });
      for (const text of ['创建单位', '生成失败单位', '正科级', '2024', '生成报告']) await send(text);
      const replies = await send('确认生成');
      expect(replies.map((r) => r.text)).toEqual([expect.stringContaining('正在生成报告'), expect.stringContaining('报告文件没有生成成功（您填写的内容都已保存）')]);
      expect(replies.some((r) => r.file)).toBe(false);
      expect(logged).toEqual([expect.stringContaining('disk full')]);
      expect(await stateOf('wecom:builder')).toMatchObject({ step: { kind: 'done' } });
    });

    it('an admin creates the unit and invites; a colleague joins with the code onto the same report', async () => {
      expect(await say('wecom:admin', '你好')).toContain('1. 创建单位');
      await say('wecom:admin', '1');
      await say('wecom:admin', '岳阳市法律援助中心');
      expect(await say('wecom:admin', '正科级')).toContain('已创建单位「岳阳市法律援助中心」');
      const opened = await say('wecom:admin', '2024');
      expect(opened).toContain('已为「岳阳市法律援助中心」新建2024年度报告');
      expect(opened).toMatch(/【第4\/\d+项 · 基本情况】单位性质/); // name, year and 级别 are never asked again
      const invite = await say('wecom:admin', '邀请');
      const code = invite.match(/邀请码：([A-Z0-9]{8})/)![1]!;
      // joining lands on the unit's most recent report, not on a year question defaulting to another year
      const joined = await say('wecom:staff', `加入 ${code}`);
      expect(joined).toContain('已加入「岳阳市法律援助中心」，角色：填报员');
      expect(joined).toContain('已打开「岳阳市法律援助中心」2024年度的报告');
      expect(joined).not.toContain('请选择自评年度');
      expect((await stateOf('wecom:staff')).reportId).toBe((await stateOf('wecom:admin')).reportId);
      // the code is single-use
      expect(await say('wecom:late', `加入 ${code}`)).toContain('邀请码无效、已使用或已过期');
    });

    it('commands work before the year question is answered: the unit report opens and the command runs there', async () => {
      for (const text of ['创建单位', '年度未选单位', '正科级']) await say('wecom:noyear', text);
      const scored = await say('wecom:noyear', '得分');
      expect(scored).not.toContain('年度请写四位数字');
      expect(scored).toContain('已为「年度未选单位」新建2024年度报告');
      expect(scored).toMatch(/当前暂估 \d+\.\d\d 分/);
      await say('wecom:noyear', '年度 2023');
      // another channel starts at the year question: 修改 … 改为 opens the unit's latest report (2024,
      // not a new one) and stores the figure there
      const other = (text: string) => bot.handleMessage({ channel: 'other', userExternalId: 'wecom:noyear', text, messageId: `m${++n}` }).then((r) => r.map((x) => x.text).join('\n'));
      const set = await other('编制数 改为 12');
      expect(set).toContain('已打开「年度未选单位」2024年度的报告');
      expect(set).toContain('已记录 编制数 12');
      expect(await other('进度')).toContain('填写进度');
      const unit = await database.db.unit.findFirst({ where: { name: '年度未选单位' } });
      const reports = await database.db.report.findMany({ where: { unitId: unit!.id }, orderBy: { year: 'asc' } });
      expect(reports.map((r) => r.year)).toEqual([2023, 2024]);
      const { model } = await loadReportModel(database.db, reports[1]!.id);
      expect(model.values['staff.authorized']).toBe(12);
    });

    it('two staff fill different sections of the same report at the same time; nothing is lost', async () => {
      const admin = ['编制数 11 实有人数 9', '基本支出合计 174.28 人员经费 160.20 公用经费 14.08', '年初预算数 330 全年预算数 365', '全年执行数 362.56 项目支出合计 188.28'];
      const staff = ['固定资产总额 85.6 在用固定资产 82.3', '交办重点工作数 5 已办结重点工作数 5', '未按进度支付的专项个数 0 资金使用违规次数 0', '预算调整数 35 重点项目支出 170'];
      await Promise.all([(async () => { for (const m of admin) await say('wecom:admin', m); })(), (async () => { for (const m of staff) await say('wecom:staff', m); })()]);
      const { model } = await loadReportModel(database.db, (await stateOf('wecom:admin')).reportId!);
      expect(model.values).toMatchObject({
        'staff.authorized': 11, 'staff.actual': 9, 'basic.total': 174.28, 'basic.personnel': 160.2, 'basic.public': 14.08,
        'budget.initial': 330, 'budget.full': 365, 'budget.executed': 362.56, 'spend.project': 188.28,
        'asset.total': 85.6, 'asset.inUse': 82.3, 'keyWork.assigned': 5, 'keyWork.done': 5, 'mgmt.latePayments': 0,
        'mgmt.violations': 0, 'budget.adjustment': 35, 'budget.keyProjects': 170,
      });
      const history = await database.db.answerHistory.findMany({ where: { reportId: (await stateOf('wecom:admin')).reportId! } });
      const admins = await database.db.user.findUnique({ where: { externalId: 'wecom:staff' } });
      expect(history.filter((h) => h.userId === admins!.id).map((h) => h.fieldKey)).toContain('asset.total');
    });

    it('the same message delivered three times is answered once and stored once', async () => {
      const id = 'dup-1';
      const replies = await Promise.all([say('wecom:admin', '修改 实有人数', id), say('wecom:admin', '修改 实有人数', id), say('wecom:admin', '修改 实有人数', id)]);
      expect(replies.filter((r) => r.length > 0)).toHaveLength(1);
      const once = await say('wecom:admin', '10', 'dup-2');
      expect(once).toContain('已记录 实有人数 10人');
      expect(await say('wecom:admin', '10', 'dup-2')).toBe('');
      const reportId = (await stateOf('wecom:admin')).reportId!;
      const rows = await database.db.answerHistory.findMany({ where: { reportId, fieldKey: 'staff.actual' } });
      expect(rows.filter((r) => r.newValue === '10')).toHaveLength(1);
    });

    it('the same message delivered twice at once runs its action once (no second unit)', async () => {
      // Two instances can receive one WeCom retry each: no per-user queue orders them.
      await say('wecom:twice', '创建单位');
      await say('wecom:twice', '重复投递单位');
      const replies = await Promise.all([say('wecom:twice', '正科级', 'twice-1'), say('wecom:twice', '正科级', 'twice-1')]);
      expect(replies.filter((r) => r.includes('已创建单位'))).toHaveLength(1);
      expect(await database.db.unit.count({ where: { name: '重复投递单位' } })).toBe(1);
    });

    // On SQLite this lost the report: Prisma's one connection ran the report's INSERT inside the
    // refused turn's transaction, and rolled it back with it (fixed by store/sqlite-serial.ts).
    it('「2024」 delivered twice at once opens one report, its unit facts prefilled once', async () => {
      const replies = await Promise.all([say('wecom:twice', '2024', 'twice-2'), say('wecom:twice', '2024', 'twice-2')]);
      expect(replies.filter((r) => r.includes('新建2024年度报告')), replies.join(' | ')).toHaveLength(1);
      const unit = await database.db.unit.findFirstOrThrow({ where: { name: '重复投递单位' } });
      const reports = await database.db.report.findMany({ where: { unitId: unit.id } });
      expect(reports).toHaveLength(1);
      const prefilled = await database.db.answerHistory.count({ where: { reportId: reports[0]!.id, fieldKey: 'unit.rank' } });
      expect(prefilled).toBe(1);
      expect((await loadReportModel(database.db, reports[0]!.id)).model.values).toMatchObject({ 'unit.name': '重复投递单位', 'unit.rank': '正科级' });
    });

    it('a 审核人 can read and score but not change figures', async () => {
      const unit = await database.db.unit.findFirst({ where: { name: '岳阳市法律援助中心' } });
      const [admin, staff] = await Promise.all(['wecom:admin', 'wecom:staff'].map((e) => database.db.user.findUnique({ where: { externalId: e } })));
      await setRole(database.db, { unitId: unit!.id, byUserId: admin!.id, userId: staff!.id, role: 'reviewer' });
      expect(await say('wecom:staff', '公用经费 改为 99')).toContain('您的角色是审核人');
      expect(await say('wecom:staff', '得分')).toMatch(/当前暂估 \d+\.\d\d 分/);
      const { model } = await loadReportModel(database.db, (await stateOf('wecom:staff')).reportId!);
      expect(model.values['basic.public']).toBe(14.08);
    });

    it('a report opened in the second of two units is that unit\'s, with its name and rank prefilled (from the session\'s units)', async () => {
      for (const text of ['创建单位', '第一单位', '正科级', '2024']) await say('wecom:two-units', text);
      for (const text of ['创建单位', '第二单位', '副处级']) await say('wecom:second-admin', text);
      const code = /邀请码：([A-Z0-9]+)/.exec(await say('wecom:second-admin', '邀请'))![1]!;
      expect(await say('wecom:two-units', `加入 ${code}`)).toContain('已加入「第二单位」');
      expect(await say('wecom:two-units', '2024')).toContain('已为「第二单位」新建2024年度报告');
      const { model, report } = await loadReportModel(database.db, (await stateOf('wecom:two-units')).reportId!);
      const second = await database.db.unit.findFirstOrThrow({ where: { name: '第二单位' } });
      expect(report.unitId).toBe(second.id);
      expect(model.values).toMatchObject({ 'unit.name': '第二单位', 'unit.rank': '副处级', 'unit.year': 2024 });
    });

    it('after an upgrade, 上一步 goes back through a list stored in the earlier form (objects, not refIds)', async () => {
      for (const text of ['创建单位', '升级单位', '正科级', '2024']) await say('wecom:upgrade', text);
      const asked = (await say('wecom:upgrade', '1')).match(/【第\d+\/\d+项 · [^】]+】([^：\n（]+)/)![1]!; // answers 单位性质
      const askedStep = (await stateOf('wecom:upgrade')).step;
      await say('wecom:upgrade', '跳过'); // leaves the question just asked
      const now = await stateOf('wecom:upgrade');
      // the row as a version before this one wrote it (its 上一步 list in the state, as objects,
      // and no stored step history); a fresh process (no cache) reads it
      const u = await database.db.user.findUnique({ where: { externalId: 'wecom:upgrade' } });
      await database.db.$executeRaw`DELETE FROM "StepHistory" WHERE "userId" = ${u!.id}`;
      const old = { ...now, back: [{ key: 'unit.nature' }, { key: askedStep.kind === 'field' ? askedStep.ref.key : '' }] };
      await database.db.conversationState.update({ where: { userId_channel: { userId: u!.id, channel: 'test' } }, data: { state: JSON.stringify(old) } });
      const fresh = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
      const reply = (await fresh.handleMessage({ channel: 'test', userExternalId: 'wecom:upgrade', text: '上一步', messageId: `m${++n}` })).map((r) => r.text).join('\n');
      expect(reply).toContain(asked);
      expect((await stateOf('wecom:upgrade')).back.every((b) => typeof b === 'string')).toBe(true);
    });

    it('a turn’s answers are committed before the replies come back (a restart right after loses nothing)', async () => {
      await say('wecom:admin', '公用经费 改为 14.5');
      const fresh = new Bot({ database, defaultRuleSetId: 'yueyang-reference' });
      const welcome = (await fresh.enter({ channel: 'test', userExternalId: 'wecom:admin' })).map((r) => r.text).join('\n');
      expect(welcome).toMatch(/请输入|：/);
      const { model } = await loadReportModel(database.db, (await stateOf('wecom:admin')).reportId!);
      expect(model.values['basic.public']).toBe(14.5);
    });
  });
}
