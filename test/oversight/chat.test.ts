import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { Reply } from '../../src/dialogs/types.js';
import { roundTo } from '../../src/report/format.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import type { Database } from '../../src/store/db.js';
import { createUnit, ensureUser } from '../../src/store/people.js';
import { commitTurn, loadReportModel, openReport } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';
import { seedModel } from '../helpers/rulesets.js';
import { storeModel } from '../helpers/store-model.js';

const ruleSet = loadRuleSet('yueyang-reference');
const RS = { id: ruleSet.id, version: ruleSet.version };

/**
 * Issue 28, done when: a 财政局 with three units at different stages (A complete with its DOCX
 * built, B half filled with 三公经费 up on last year, C not started) sees the right 汇总 in chat,
 * one unit's score and missing items, downloads A's DOCX and the 汇总表 XLSX (opened and checked
 * cell by cell); it never changes an answer, another 财政局 sees nothing, and unlinking stops
 * access at once.
 */
for (const t of testDatabases()) {
  describe(`oversight in chat on ${t.name}`, () => {
    let database: Database;
    let bot: Bot;
    let n = 0;
    const turn = (user: string, text: string): Promise<Reply[]> => bot.handleMessage({ channel: 'test', userExternalId: user, text, messageId: `m${++n}` });
    const say = (user: string, text: string) => turn(user, text).then((r) => r.map((x) => x.text).join('\n'));
    const units = { a: '甲单位法律援助中心', b: '乙单位司法所', c: '丙单位公证处' };
    let reportA = '';
    let reportB = '';

    beforeAll(async () => {
      database = await t.open();
      bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference', now: () => new Date('2025-03-01T09:00:00Z') });
      const { db } = database;
      // A: the whole seed report; B: about half of it, 三公经费 up; C: a unit without a report
      const adminA = await ensureUser(db, 'wecom:a-admin');
      const unitA = await createUnit(database, { name: units.a, rank: '正科级', ruleSetId: ruleSet.id, adminUserId: adminA.id });
      reportA = (await openReport(db, unitA.id, 2024, RS)).id;
      await storeModel(db, reportA, adminA.id, seedModel(), ['unit.name']);
      const adminB = await ensureUser(db, 'wecom:b-admin');
      const unitB = await createUnit(database, { name: units.b, rank: '正科级', ruleSetId: ruleSet.id, adminUserId: adminB.id });
      reportB = (await openReport(db, unitB.id, 2024, RS)).id;
      const half = seedModel();
      half.values = Object.fromEntries(Object.entries(half.values).filter(([k]) => k.startsWith('unit.') || k.startsWith('staff.') || k.startsWith('budget.') || k.startsWith('sanGong.')));
      half.values['sanGong.total.prior'] = 1.5;
      half.groups = {};
      await storeModel(db, reportB, adminB.id, half, ['unit.name']);
      const adminC = await ensureUser(db, 'wecom:c-admin');
      await createUnit(database, { name: units.c, rank: '正科级', ruleSetId: ruleSet.id, adminUserId: adminC.id });
      // A builds its report in the chat
      await say('wecom:a-admin', '2024');
      await say('wecom:a-admin', '生成报告');
      expect((await turn('wecom:a-admin', '确认生成')).some((r) => r.file)).toBe(true);
    });
    afterAll(async () => {
      await database.close();
      await t.cleanup();
    });

    it('a 财政局 is created in chat, issues a 关联码, the three units link with it and 汇总 shows them, what needs attention first', async () => {
      expect(await say('wecom:fin', '监管帮助')).toContain('发送「创建财政局 名称」');
      expect(await say('wecom:fin', '创建财政局')).toBe('机构名称请写 1–60 个字，例如：创建财政局 岳阳市财政局');
      expect(await say('wecom:fin', '创建财政局 岳阳市财政局')).toContain('已创建财政局「岳阳市财政局」，您是管理员');
      expect(await say('wecom:fin', '监管帮助')).toContain('汇总 / 汇总 2024');
      const code = (await say('wecom:fin', '关联码')).match(/关联码：([A-Z0-9]{8})/)![1]!;
      for (const who of ['a', 'b', 'c']) expect(await say(`wecom:${who}-admin`, `关联 ${code}`)).toContain('已关联财政局「岳阳市财政局」');
      const summary = await say('wecom:fin', '汇总');
      const lines = summary.split('\n');
      expect(lines[0]).toBe('【岳阳市财政局汇总】共 3 个单位，按需关注程度排列：');
      expect(lines[1]).toBe(`1. ${units.c}｜尚未开始填写`);
      const total = scoreReport((await loadReportModel(database.db, reportA)).model, ruleSet).total;
      expect(lines[2]).toMatch(new RegExp(`^2\\. ${units.b}｜2024｜进度 \\d+%｜暂估 \\d+\\.\\d\\d 分 .+（暂估）｜缺 \\d+ 项｜最近 2\\d{3}-\\d\\d-\\d\\d$`));
      expect(lines[3]).toBe('   ⚠ 三公经费比上年增加：本年决算 1.85 万元，上年决算 1.50 万元；还有 1 项数据校验未通过（发送「生成报告」可见明细）');
      expect(lines[4]).toMatch(new RegExp(`^3\\. ${units.a}｜2024｜进度 100%｜暂估 ${total.toFixed(2)} 分 优｜缺 0 项｜`));
    });

    it('单位 <名称> gives that unit’s score summary and missing items; 下载 <单位> its latest DOCX, served to oversight only', async () => {
      const b = await say('wecom:fin', '单位 乙单位');
      expect(b).toContain(`【${units.b} · 2024年度】进度`);
      expect(b).toMatch(/当前暂估 \d+\.\d\d 分/);
      expect(b).toMatch(/缺项 \d+ 项：/);
      expect(b).toContain('三公经费比上年增加');
      const replies = await turn('wecom:fin', `下载 ${units.a}`);
      const file = replies.find((r) => r.file)!.file!;
      expect(replies[0]!.text).toContain(`「${units.a}」2024年度报告的最新文档：`);
      const served = await bot.file(file.fileId, 'wecom:fin');
      expect(Buffer.from(served!.content).subarray(0, 2).toString()).toBe('PK');
      expect(await bot.file(file.fileId, 'wecom:stranger')).toBeUndefined();
      expect(await say('wecom:fin', `下载 ${units.b}`)).toBe(`「${units.b}」2024年度的报告还没有生成过文档。`);
      expect(await say('wecom:fin', '单位 不存在的单位')).toContain('没有找到您可以查看的单位「不存在的单位」');
      expect(await say('wecom:fin', '单位 单位')).toContain('对应多个单位');
    });

    it('汇总表 is an XLSX with one row per unit and one column per indicator score, totals and grades', async () => {
      const replies = await turn('wecom:fin', '汇总表');
      const file = replies.find((r) => r.file)!.file!;
      expect(file.fileName).toBe('绩效自评汇总表.xlsx');
      expect(await bot.file(file.fileId, 'wecom:b-admin')).toBeUndefined(); // made for the person who asked
      const served = await bot.file(file.fileId, 'wecom:fin');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(served!.content) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const head = (ws.getRow(1).values as unknown[]).slice(1);
      const score = scoreReport((await loadReportModel(database.db, reportA)).model, ruleSet);
      expect(head).toEqual(['单位', '年度', '进度', '缺项数', ...score.indicators.map((i) => `${i.name}（${i.weight}分）`), '总分', '等级', '是否完整', '审核提示', '最近填写']);
      expect(ws.rowCount).toBe(4);
      expect(ws.getCell(2, 1).value).toBe(units.c);
      expect(ws.getCell(2, 2).value).toBeNull();
      const rowB = ws.getRow(3);
      expect(rowB.getCell(1).value).toBe(units.b);
      const rowA = ws.getRow(4);
      expect((rowA.values as unknown[]).slice(1, 5)).toEqual([units.a, 2024, 1, 0]);
      score.indicators.forEach((ind, i) => expect(rowA.getCell(5 + i).value).toBe(roundTo(ind.points!)));
      const k = 5 + score.indicators.length;
      expect([rowA.getCell(k).value, rowA.getCell(k + 1).value, rowA.getCell(k + 2).value, rowA.getCell(k + 3).value]).toEqual([roundTo(score.total), score.grade, '是', '']);
      const scoreB = scoreReport((await loadReportModel(database.db, reportB)).model, ruleSet);
      scoreB.indicators.forEach((ind, i) => expect(rowB.getCell(5 + i).value).toBe(ind.points === null ? null : roundTo(ind.points)));
      expect(rowB.getCell(k + 2).value).toBe('否');
      expect(String(rowB.getCell(k + 3).value)).toContain('三公经费比上年增加');
    });

    it('a viewer joins with the org’s code and reads; only an admin issues codes', async () => {
      const code = (await say('wecom:fin', '邀请查看员')).match(/邀请码：([A-Z0-9]{8})/)![1]!;
      expect(await say('wecom:viewer', `加入 ${code}`)).toContain('已加入财政局「岳阳市财政局」，角色：查看员');
      expect(await say('wecom:viewer', '汇总')).toContain('共 3 个单位');
      expect(await say('wecom:viewer', '关联码')).toContain('只有监管机构（财政局或主管部门）的管理员可以这样做');
      expect(await say('wecom:late', `加入 ${code}`)).toContain('邀请码无效、已使用或已过期'); // single use: then a unit's code, which it is not either
    });

    it('after too many wrong codes an organisation’s valid code is refused too (no guessing around the guard)', async () => {
      const code = (await say('wecom:fin', '邀请查看员')).match(/邀请码：([A-Z0-9]{8})/)![1]!;
      for (const wrong of ['AAAA2222', 'AAAA3333', 'AAAA4444', 'AAAA5555', 'AAAA6666']) await say('wecom:prober', `加入 ${wrong}`);
      expect(await say('wecom:prober', `加入 ${code}`)).toMatch(/分钟后再试/);
      expect(await say('wecom:prober', '汇总')).not.toContain('汇总】');
      expect(await say('wecom:other-viewer', `加入 ${code}`)).toContain('已加入财政局「岳阳市财政局」');
    });

    it('an admin sets the deadline (截止); a badly written one, a past one and a viewer’s are refused; a unit’s answer starting with 截止 is left alone', async () => {
      expect(await say('wecom:fin', '截止 2025-03-31')).toContain('已设定「岳阳市财政局」2024年度自评报告的截止日期：2025-03-31');
      expect(await say('wecom:fin', '截止 2025年4月15日 2024年度')).toContain('2024年度自评报告的截止日期：2025-04-15');
      expect(await say('wecom:fin', '截止 2025-02-30')).toBe('截止日期请写成「截止 2025-03-31」（可加年度：「截止 2025-03-31 2024年度」）。');
      expect(await say('wecom:fin', '截止 下个月')).toContain('截止日期请写成');
      expect(await say('wecom:fin', '截止 2025-01-31')).toBe('截止日期 2025-01-31 已经过去，请写一个今天以后的日期。');
      expect(await say('wecom:viewer', '截止 2025-05-01')).toContain('只有监管机构（财政局或主管部门）的管理员可以这样做');
      const rows = await database.db.oversightDeadline.findMany();
      expect(rows.map((r) => [r.year, r.due])).toEqual([[2024, '2025-04-15']]);
      expect(await say('wecom:b-admin', '截止 2025-03-31')).not.toContain('截止日期');
    });

    it('oversight never changes a unit’s answers, not even with a conversation pointing at the unit’s report', async () => {
      const before = (await loadReportModel(database.db, reportA)).model.values;
      await say('wecom:fin', '编制数 改为 99');
      const fin = await database.db.user.findUnique({ where: { externalId: 'wecom:fin' } });
      const a = await database.db.report.findUnique({ where: { id: reportA } });
      const state = { v: 1, step: { kind: 'done' }, unitId: a!.unitId, reportId: reportA, failures: 0, back: [], queue: [], skipped: [], gatesClosed: [] };
      await commitTurn(database.db, { userId: fin!.id, patch: { conversation: { channel: 'test', state } } });
      await say('wecom:fin', '编制数 改为 99');
      await say('wecom:fin', '修改 编制数');
      await say('wecom:fin', '88');
      expect((await loadReportModel(database.db, reportA)).model.values).toEqual(before);
      expect(await database.db.answerHistory.count({ where: { reportId: reportA, userId: fin!.id } })).toBe(0);
    });

    it('another 财政局 sees nothing; a unit cannot have two; unlinking stops access at once; every read is audited', async () => {
      await say('wecom:other', '创建财政局 别的财政局');
      expect(await say('wecom:other', '汇总')).toContain('还没有单位关联到您的机构');
      expect(await say('wecom:other', `单位 ${units.a}`)).toContain('没有找到您可以查看的单位');
      const other = (await say('wecom:other', '关联码')).match(/关联码：([A-Z0-9]{8})/)![1]!;
      expect(await say('wecom:a-admin', `关联 ${other}`)).toContain('本单位已关联财政局「岳阳市财政局」');
      expect(await say('wecom:other', '汇总')).toContain('还没有单位关联到您的机构');
      // someone who is no oversight member: 汇总 is not a command for them
      expect(await say('wecom:c-admin', '汇总')).not.toContain('汇总】');

      const replies = await turn('wecom:fin', `下载 ${units.a}`);
      const fileId = replies.find((r) => r.file)!.file!.fileId;
      expect(await say('wecom:a-admin', '取消关联 财政局')).toContain(`「${units.a}」已取消与「岳阳市财政局」的关联`);
      expect(await say('wecom:fin', `单位 ${units.a}`)).toContain('没有找到您可以查看的单位');
      expect(await bot.file(fileId, 'wecom:fin')).toBeUndefined();
      expect(await say('wecom:fin', '汇总')).toContain('共 2 个单位');
      const a = await database.db.report.findUnique({ where: { id: reportA } });
      expect(await database.db.auditLog.count({ where: { unitId: a!.unitId, action: 'oversight.read' } })).toBeGreaterThanOrEqual(4);
    });
  });
}
