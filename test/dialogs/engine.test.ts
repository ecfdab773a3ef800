import { describe, expect, it } from 'vitest';
import { handle, resume } from '../../src/dialogs/engine.js';
import { initialState, type Decision, type DialogState, type Snapshot, type Step } from '../../src/dialogs/types.js';
import type { FieldValue, ReportModel } from '../../src/report/model.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import type { Role } from '../../src/store/people.js';
import { seedModel } from '../helpers/rulesets.js';

const ruleSet = loadRuleSet('yueyang-reference');
let ids = 0;
const deps = { newId: () => `new-${++ids}` };

/** The seed report without some answers, as the engine would see it mid-way. */
function partialSeed(drop: string[] = []): ReportModel {
  const m = seedModel();
  for (const k of drop) delete m.values[k];
  return m;
}

function snap(model: ReportModel, role: Role = 'filler', buttons = false): Snapshot {
  return {
    userId: 'u1',
    memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role }],
    report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model },
    ruleSet,
    today: { year: 2025 },
    buttons,
  };
}

const at = (step: Step, extra: Partial<DialogState> = {}): DialogState => ({ ...initialState(), unitId: 'unit-1', reportId: 'r1', step, ...extra });
const field = (key: string, itemId?: string): Step => ({ kind: 'field', ref: itemId ? { key, itemId } : { key } });
const text = (d: Decision) => d.replies.map((r) => r.text).join('\n');

interface Case {
  name: string;
  drop?: string[];
  step?: Step;
  state?: Partial<DialogState>;
  role?: Role;
  input: string;
  says: (string | RegExp)[];
  answers?: { fieldKey: string; value: FieldValue | null; itemId?: string }[];
  action?: string;
  next?: string; // key of the field asked next, or a step kind
}

// Personnel cost missing: the engine is asking for it.
const ASKING = { drop: ['basic.personnel'], step: field('basic.personnel') };
const reask = /【第\d+\/\d+项 · 预算执行】请输入 人员经费（万元）/;

const commands: Case[] = [
  { name: '帮助', ...ASKING, input: '帮助', says: ['可以随时回复', '得分（现在多少分）', reask], answers: [] },
  { name: 'help synonym ?', ...ASKING, input: '?', says: ['可以随时回复', reask], answers: [] },
  { name: '继续', ...ASKING, input: '继续', says: [reask], answers: [] },
  { name: '进度', ...ASKING, input: '进度', says: [/填写进度：\d+\/\d+/, /预算执行：12\/13/, reask], answers: [] },
  // 人员经费 is not a scoring input, so the score is final here
  { name: '得分', ...ASKING, input: '得分', says: ['自评得分 96.88 分，等级：优', '投入 15.00/15.00', '扣分最多的：', '预算调整率 −2.00：预算调整率为 10.61%', '回复「得分 详细」看全部', reask], answers: [] },
  { name: '得分 详细', ...ASKING, input: '得分 详细', says: ['自评得分 96.88 分，等级：优', '在职人员控制率 5.00/5.00', '投入 15.00/15.00', '扣分最多的：', '预算调整率 −2.00：预算调整率为 10.61%', reask], answers: [] },
  { name: '现在多少分？ with inputs missing', drop: ['staff.actual'], step: field('staff.actual'), input: '现在多少分？', says: ['当前暂估 91.88 分（优），最高可达 96.88 分', '尚缺 1 项数据', /请输入 实有人数（人）/], answers: [] },
  { name: '详细得分 with inputs missing', drop: ['staff.actual'], step: field('staff.actual'), input: '详细得分', says: ['当前暂估 91.88 分（优），最高可达 96.88 分', '在职人员控制率 待填/5.00', '尚缺 1 项数据：实有人数', /请输入 实有人数（人）/], answers: [] },
  { name: '查看 预算执行', ...ASKING, input: '查看 预算执行', says: ['【预算执行】', '基本支出合计：174.28万元', '人员经费：（未填）', reask], answers: [] },
  { name: '查看 unknown section', ...ASKING, input: '查看 天气', says: ['请说明要查看哪一部分', reask], answers: [] },
  { name: '修改 人员经费 then asks it with the current value', drop: [], step: field('narrative.other'), input: '修改 公用经费', says: ['请输入新的 公用经费', /请输入 公用经费（万元）/, '当前已填：14.08万元'], answers: [], next: 'basic.public' },
  { name: '人员经费 改为 160.2', ...ASKING, input: '人员经费 改为 160.2', says: ['已记录 人员经费 160.20万元', reask], answers: [{ fieldKey: 'basic.personnel', value: 160.2 }] },
  { name: '公用经费改成15万 (set another field, pending unchanged)', ...ASKING, input: '公用经费改成15万', says: ['已记录 公用经费 15.00万元', reask], answers: [{ fieldKey: 'basic.public', value: 15 }] },
  { name: '上一步', ...ASKING, state: { back: ['basic.total@'] }, input: '上一步', says: [/请输入 基本支出合计（万元）/, '当前已填：174.28万元'], answers: [], next: 'basic.total' },
  { name: '上一步 at the start', ...ASKING, input: '上一步', says: ['已经是第一项了', reask], answers: [] },
  { name: '跳过', ...ASKING, input: '跳过', says: ['已跳过「人员经费」', '修改 人员经费'], answers: [] },
  { name: '稍后再填', ...ASKING, input: '稍后再填', says: ['已跳过「人员经费」'], answers: [] },
  { name: '生成报告 reviews first', ...ASKING, input: '生成报告', says: ['生成报告前的检查', '预算执行 12/13，缺：人员经费', '回复「确认生成」'], answers: [], next: 'confirmGenerate' },
  { name: '确认生成', step: { kind: 'confirmGenerate' }, input: '确认生成', says: [], answers: [], action: 'generateReport' },
  { name: '取消 at confirmation', ...ASKING, step: { kind: 'confirmGenerate' }, input: '取消', says: ['已取消', reask], answers: [] },
  { name: '取消 with nothing to cancel', ...ASKING, input: '取消', says: ['当前没有可取消的操作', reask], answers: [] },
  { name: '邀请 as admin', ...ASKING, role: 'admin', input: '邀请', says: [], answers: [], action: 'createInvite' },
  { name: '邀请 as 填报员', ...ASKING, input: '邀请', says: ['只有本单位管理员', reask], answers: [] },
  { name: '加入 ABC234', ...ASKING, input: '加入 abc234', says: [], answers: [], action: 'joinUnit' },
  { name: '年度 2023', ...ASKING, input: '年度 2023', says: [], answers: [], action: 'openReport' },
  { name: '用默认', drop: ['narrative.publicity'], step: field('narrative.publicity'), input: '用默认', says: ['已记录 自评结果拟应用和公开情况'], answers: [{ fieldKey: 'narrative.publicity', value: '部门整体支出绩效自评情况根据财政部门要求于指定时间内在本部门门户网站公开，广泛接受群众监督。' }] },
  { name: '项目列表', ...ASKING, input: '项目列表', says: ['专项资金项目：', '1. 法律援助办案补贴', '2. 法律援助宣传及业务培训', reask], answers: [] },
  { name: '删除项目 2 asks to confirm', ...ASKING, input: '删除项目 2', says: ['确认删除第 2 个专项资金项目「法律援助宣传及业务培训」'], answers: [], next: 'confirmDelete' },
  { name: '删除项目 9 is refused', ...ASKING, input: '删除项目 9', says: ['没有这个编号。现有 2 个专项资金项目', reask], answers: [] },
  { name: '修改项目 1 walks its fields', ...ASKING, input: '修改项目 1', says: [/请输入 项目名称（专项资金项目1）/, '当前已填：法律援助办案补贴'], answers: [], next: 'special.name' },
];

const badInputs: Case[] = [
  { name: 'empty message', ...ASKING, input: '   ', says: ['没有收到内容', reask], answers: [] },
  { name: 'emoji only', ...ASKING, input: '😀😀', says: ['「人员经费」需要填数字'], answers: [] },
  { name: '10 000+ characters', ...ASKING, input: '1'.repeat(10_001), says: ['消息太长了', reask], answers: [] },
  { name: 'negative money', ...ASKING, input: '-5', says: ['「人员经费」不能为负数'], answers: [] },
  { name: '1e309', ...ASKING, input: '1e309', says: ['不要用科学计数法'], answers: [] },
  { name: 'NaN', ...ASKING, input: 'NaN', says: ['需要填数字，例如 174.28'], answers: [] },
  { name: 'a percentage of 1000', drop: ['effect.satisfaction'], step: field('effect.satisfaction'), input: '1000%', says: ['不能超过 100%'], answers: [] },
  { name: 'an unknown command when all is answered', step: { kind: 'done' }, input: '播放音乐', says: ['没听懂这句话'], answers: [] },
  { name: '修改 of a field that matches nothing', ...ASKING, input: '修改 火星经费', says: ['没有找到名为「火星经费」的项目', reask], answers: [] },
  { name: '修改 by a 审核人', ...ASKING, role: 'reviewer', input: '修改 公用经费', says: ['您的角色是审核人'], answers: [] },
  { name: 'an answer by a 审核人', ...ASKING, role: 'reviewer', input: '160.2', says: ['您的角色是审核人'], answers: [] },
  { name: 'a side question is answered, not stored', ...ASKING, input: '人员经费包括什么？', says: ['关于「人员经费」', reask], answers: [] },
  { name: 'a command while a text answer is pending is not stored', drop: ['narrative.problems'], step: field('narrative.problems'), input: '帮助', says: ['可以随时回复', /请输入 存在的问题及原因分析/], answers: [] },
  { name: 'an ambiguous unit', ...ASKING, input: '1602000', says: ['没有写单位', '请输入 1602000元'], answers: [] },
];

const answers: Case[] = [
  { name: '174.28 style answer is converted and echoed', ...ASKING, input: '1,602,000元', says: ['已记录 人员经费 160.20万元'], answers: [{ fieldKey: 'basic.personnel', value: 160.2 }] },
  { name: 'Chinese numerals', ...ASKING, input: '一百六十点二万', says: ['已记录 人员经费 160.20万元'], answers: [{ fieldKey: 'basic.personnel', value: 160.2 }] },
  { name: 'a text answer starting with 改 is an answer, not a command', drop: ['narrative.problems'], step: field('narrative.problems'), input: '改进不够及时', says: ['已记录 存在的问题及原因分析 改进不够及时'], answers: [{ fieldKey: 'narrative.problems', value: '改进不够及时' }] },
  {
    name: 'fast entry fills several fields and says what it could not match',
    drop: ['staff.authorized', 'staff.actual', 'basic.personnel'],
    step: field('staff.authorized'),
    input: '编制数 11 实有人数 9 人员经费 160.20万 火星 7',
    says: ['没有识别的内容：火星 7', '已记录：编制数 11人；实有人数 9人；人员经费 160.20万元'],
    answers: [
      { fieldKey: 'staff.authorized', value: 11 },
      { fieldKey: 'staff.actual', value: 9 },
      { fieldKey: 'basic.personnel', value: 160.2 },
    ],
  },
  { name: 'fast entry reports a bad value by label', drop: ['staff.authorized', 'staff.actual'], step: field('staff.authorized'), input: '编制数 11 实有人数 很多', says: ['没有识别的内容：实有人数（「实有人数」需要填数字', '已记录：编制数 11人'], answers: [{ fieldKey: 'staff.authorized', value: 11 }] },
];

describe.each([
  ['commands', commands],
  ['bad input', badInputs],
  ['answers', answers],
])('engine: %s', (_group, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const model = partialSeed(c.drop);
    const before = structuredClone(model);
    const d = handle(snap(model, c.role ?? 'filler'), at(c.step ?? { kind: 'done' }, c.state), c.input, deps);
    const said = text(d);
    for (const s of c.says) typeof s === 'string' ? expect(said).toContain(s) : expect(said).toMatch(s);
    if (c.answers) expect(d.answers.map((a) => ({ fieldKey: a.fieldKey, value: a.value, ...(a.itemId ? { itemId: a.itemId } : {}) }))).toEqual(c.answers);
    if (c.action) expect(d.action?.kind).toBe(c.action);
    else expect(d.action).toBeUndefined();
    if (c.next) {
      const step = d.state.step;
      expect(step.kind === 'field' ? step.ref.key : step.kind).toBe(c.next);
    }
    expect(model).toEqual(before); // the snapshot is never mutated
    if (c.answers?.length === 0) {
      expect(d.addItems).toEqual([]);
      expect(d.deleteItems).toEqual([]);
    }
  });
});

describe('engine: the flow', () => {
  it('asks one question at a time with progress, section, label, unit and hint', () => {
    const d = resume(snap(partialSeed(['budget.initial'])), at({ kind: 'done' }), deps);
    expect(text(d)).toMatch(/^【第1\/13项 · 预算执行】请输入 年初预算数（万元）\n提示：人大批复的年初预算$/);
    expect(d.state.step).toEqual(field('budget.initial'));
  });

  it('choices are numbered in text and buttons where the channel has them', () => {
    const plain = resume(snap(partialSeed(['staff.type'])), at({ kind: 'done' }), deps);
    expect(text(plain)).toContain('1. 行政编制\n2. 事业编制');
    const buttons = resume(snap(partialSeed(['staff.type']), 'filler', true), at({ kind: 'done' }), deps);
    expect(buttons.replies[0]!.choices).toEqual(['行政编制', '事业编制', '行政和事业编制', '其他']);
    expect(buttons.replies[0]!.text).not.toContain('1. 行政编制');
  });

  it('after an answer that changes the score: one short line with the indicator and the provisional total', () => {
    const d = handle(snap(partialSeed(['staff.actual'])), at(field('staff.actual')), '9', deps);
    expect(text(d)).toMatch(/已记录 实有人数 9人\n本项 在职人员控制率 5\.00\/5\.00 分，当前暂估 \d+\.\d\d 分/);
  });

  it('after a section is finished: its consistency checks in plain Chinese', () => {
    const m = partialSeed(['budget.keyProjects']);
    m.values['basic.total'] = 175;
    const d = handle(snap(m), at(field('budget.keyProjects')), '170', deps);
    expect(text(d)).toContain('「预算执行」数据核对：');
    expect(text(d)).toContain('人员经费 160.20 万元 + 公用经费 14.08 万元 = 174.28 万元，与基本支出合计 175.00 万元 相差 0.72 万元');
  });

  it('after 3 failed tries offers 跳过 / 稍后再填 / 帮助, never the bare question', () => {
    let state = at(field('basic.personnel'));
    const m = partialSeed(['basic.personnel']);
    const outs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const d = handle(snap(m), state, '不知道', deps);
      outs.push(text(d));
      state = d.state;
    }
    expect(outs[0]).toContain('需要填数字，例如');
    expect(outs[0]).not.toContain('跳过');
    expect(outs[2]).toContain('可回复「跳过」「稍后再填」或「帮助」');
  });

  it('确认 or 全部确认 with nothing waiting says so and is not taken as the answer', () => {
    for (const word of ['确认', '全部确认']) {
      const d = handle(snap(partialSeed(['basic.personnel'])), at(field('basic.personnel')), word, deps);
      expect(text(d)).toContain('当前没有需要确认的内容');
      expect(text(d)).toMatch(reask);
      expect(d.answers).toEqual([]);
    }
  });

  it('a fast entry naming one field 900 times stores it once and answers in a few lines', () => {
    const message = `${'编制数 1 实有人数 '.repeat(900)}一`;
    const d = handle(snap(partialSeed(['staff.authorized', 'staff.actual'])), at(field('staff.authorized')), message, deps);
    expect(d.answers.filter((a) => a.fieldKey === 'staff.authorized')).toHaveLength(1);
    expect(text(d)).toContain('「编制数」重复出现，只取第一个值');
    expect(text(d).length).toBeLessThan(1_000);
  });

  it('a repeated group: 是 adds an item and asks its fields; 否 closes the gate', () => {
    const m = partialSeed();
    const d = handle(snap(m), at({ kind: 'gate', group: 'target' }), '是', deps);
    expect(d.addItems).toEqual([{ id: expect.stringMatching(/^new-/), group: 'target' }]);
    expect(text(d)).toMatch(/开始填写第 8 个年度绩效目标。\n【第\d+\/\d+项 · 绩效目标】指标类别：（年度绩效目标8）/);
    const no = handle(snap(m), at({ kind: 'gate', group: 'target' }), '否', deps);
    expect(no.state.gatesClosed).toContain('target@');
    expect(no.addItems).toEqual([]);
  });

  it('删除项目 then 确认 deletes it; 添加项目 starts a new one', () => {
    const m = partialSeed();
    const asked = handle(snap(m), at(field('narrative.other')), '删除项目 1', deps);
    const done = handle(snap(m), asked.state, '确认', deps);
    expect(done.deleteItems).toEqual(['legal-aid-subsidy']);
    expect(text(done)).toContain('已删除第 1 个专项资金项目');
    const added = handle(snap(m), at(field('narrative.other')), '添加项目', deps);
    expect(added.addItems).toEqual([{ id: expect.stringMatching(/^new-/), group: 'special' }]);
    expect(text(added)).toMatch(/开始填写第 3 个专项资金项目。\n【第\d+\/\d+项 · 专项资金】请输入 项目名称（专项资金项目3）/);
  });

  it('a new user is onboarded: create a unit (name, 级别) or join with a code', () => {
    const newcomer: Snapshot = { userId: 'u9', memberships: [], ruleSet, today: { year: 2025 }, buttons: false };
    const welcome = resume(newcomer, initialState(), deps);
    expect(text(welcome)).toContain('1. 创建单位\n2. 加入单位');
    const s1 = handle(newcomer, welcome.state, '创建单位', deps);
    expect(text(s1)).toContain('请输入单位全称');
    const s2 = handle(newcomer, s1.state, '岳阳市法律援助中心', deps);
    expect(text(s2)).toContain('请选择机构级别');
    const s3 = handle(newcomer, s2.state, '正科级', deps);
    expect(s3.action).toEqual({ kind: 'createUnit', name: '岳阳市法律援助中心', rank: '正科级' });
    const bad = handle(newcomer, s2.state, '很高', deps);
    expect(text(bad)).toContain('请从以下选项中选择');
    const join = handle(newcomer, welcome.state, '加入 K7M2Q9', deps);
    expect(join.action).toEqual({ kind: 'joinUnit', code: 'K7M2Q9' });
  });

  it('a member without a report picks the year; the default is last year', () => {
    const member: Snapshot = { userId: 'u2', memberships: [{ unitId: 'unit-1', unitName: '某单位', role: 'filler' }], ruleSet, today: { year: 2025 }, buttons: false };
    const ask = resume(member, { ...initialState(), unitId: 'unit-1' }, deps);
    expect(text(ask)).toContain('即为 2024 年度');
    expect(handle(member, ask.state, '确定', deps).action).toEqual({ kind: 'openReport', year: 2024 });
    expect(handle(member, ask.state, '2023', deps).action).toEqual({ kind: 'openReport', year: 2023 });
    expect(text(handle(member, ask.state, '去年吧', deps))).toContain('年度请写四位数字');
  });
});
