import { describe, expect, it } from 'vitest';
import { findField, parseCommand, squash } from '../../src/dialogs/commands.js';
import { handle } from '../../src/dialogs/engine.js';
import { parseScopedEntry } from '../../src/dialogs/scoped-entry.js';
import { initialState, type Decision, type DialogState, type Snapshot } from '../../src/dialogs/types.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

/** What people type on a phone, recognised as the command they meant (issue 29: 进度呢 / 多少分了 went unnoticed). */
describe('command recognition', () => {
  it.each([
    ['帮助', 'help'],
    ['？', 'help'],
    ['怎么用', 'help'],
    ['继续', 'continue'],
    ['下一步', 'continue'],
    ['进度', 'progress'],
    ['进度呢', 'progress'],
    ['进度呢？', 'progress'],
    ['完成情况', 'progress'],
    ['得分', 'score'],
    ['多少分了', 'score'],
    ['现在多少分？', 'score'],
    ['现在几分了吗', 'score'],
    ['上一步', 'back'],
    ['返回。', 'back'],
    ['跳过', 'skip'],
    ['稍后再填', 'later'],
    ['取消', 'cancel'],
    ['生成报告', 'generate'],
    ['生成 Word', 'generate'],
    ['确认生成', 'confirmGenerate'],
    ['确认', 'confirm'],
    ['邀请', 'invite'],
    ['用默认', 'useDefault'],
    ['（得分）', 'score'],
    ['ＨＥＬＰ', 'help'],
  ])('%s → %s', (text, kind) => {
    expect(parseCommand(text)?.kind).toBe(kind);
  });

  it.each([
    ['加入 abcd2345', { kind: 'join', code: 'ABCD2345' }],
    ['年度 2024', { kind: 'year', year: 2024 }],
    ['2023年度', { kind: 'year', year: 2023 }],
    ['添加项目', { kind: 'addItem', group: 'special' }],
    ['新增绩效目标', { kind: 'addItem', group: 'target' }],
    ['项目列表', { kind: 'listItems', group: 'special' }],
    ['删除项目 2', { kind: 'deleteItem', group: 'special', n: 2 }],
    ['删除项目第3个', { kind: 'deleteItem', group: 'special', n: 3 }],
    ['修改目标 4', { kind: 'editItem', group: 'target', n: 4 }],
    ['人员经费 改为 160.2', { kind: 'set', what: '人员经费', value: '160.2' }],
    ['人员经费更正为160.2万', { kind: 'set', what: '人员经费', value: '160.2万' }],
    ['修改 人员经费', { kind: 'edit', what: '人员经费' }],
    ['查看 预算执行', { kind: 'view', what: '预算执行' }],
  ])('%s → %j', (text, cmd) => {
    expect(parseCommand(text)).toEqual(cmd);
  });

  it.each(['继续开展法律援助工作', '进度款已支付', '得分较高的原因', '改为', '确认了项目的预算', '160.2', ''])('an answer is not a command: %s', (text) => {
    const cmd = parseCommand(text);
    // 修改/查看 with an argument are commands only once the engine resolves the argument
    expect(cmd === undefined || cmd.kind === 'edit' || cmd.kind === 'view').toBe(true);
  });

  it('squash folds width, spaces, brackets and trailing punctuation', () => {
    expect(squash(' （人员 经费）。。 ')).toBe('人员经费');
    expect(squash('ＡＢＣ！')).toBe('abc');
  });

  it('finds a field by its label or a unique part of it', () => {
    expect(findField('人员经费')?.key).toBe('basic.personnel');
    expect(findField('编制数')?.key).toBe('staff.authorized');
    expect(findField('经费')).toBeUndefined(); // several
  });

  it('fast entry takes label–value pairs and reports what matched no label', () => {
    const fast = parseScopedEntry('火星 编制数 11 实有人数 9', undefined);
    expect(fast?.pairs.map((p) => [p.field.key, p.value])).toEqual([
      ['staff.authorized', '11'],
      ['staff.actual', '9'],
    ]);
    expect(fast?.leftover).toEqual(['火星']);
    expect(parseScopedEntry('编制数 11', undefined)).toBeUndefined();
  });
});

/**
 * The same words while a question is open, where they could be taken as its answer: on a free-text
 * question (anything is a valid answer) and on a number question. A command answers and stores nothing.
 */
describe('progress and score questions while a question is open', () => {
  const ruleSet = loadRuleSet('yueyang-reference');
  const deps = { newId: () => 'new-1' };
  const snap = (model: ReportModel): Snapshot => ({
    userId: 'u1',
    memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role: 'filler' }],
    report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model },
    ruleSet,
    today: { year: 2025 },
    buttons: false,
  });
  const asking = (key: string) => {
    const m = seedModel();
    delete m.values[key];
    const state: DialogState = { ...initialState(), unitId: 'unit-1', reportId: 'r1', step: { kind: 'field', ref: { key } } };
    return (input: string): Decision => handle(snap(m), state, input, deps);
  };
  const text = (d: Decision) => d.replies.map((r) => r.text).join('\n');

  it.each([
    ['narrative.problems', '进度呢'],
    ['narrative.problems', '进度呢？'],
    ['narrative.publicity', '完成情况'],
    ['basic.personnelUse', '进度呢'],
    ['basic.personnel', '进度呢'],
  ])('on %s, 「%s」 shows the progress and stores nothing', (key, input) => {
    const d = asking(key)(input);
    expect(text(d)).toMatch(/填写进度：\d+\/\d+/);
    expect(d.answers).toEqual([]);
    expect(d.state.step).toEqual({ kind: 'field', ref: { key } });
  });

  it.each([
    ['narrative.problems', '多少分了'],
    ['narrative.problems', '现在多少分？'],
    ['narrative.satisfaction', '得分呢'],
    ['basic.personnelUse', '多少分了'],
    ['basic.personnel', '多少分了'],
  ])('on %s, 「%s」 shows the score and stores nothing', (key, input) => {
    const d = asking(key)(input);
    expect(text(d)).toMatch(/自评得分 \d+\.\d\d 分|当前暂估 \d+\.\d\d 分/);
    expect(d.answers).toEqual([]);
    expect(d.state.step).toEqual({ kind: 'field', ref: { key } });
  });

  it('a sentence that merely mentions progress or points is the answer', () => {
    const d = asking('basic.personnelUse')('按进度发放工资，多少分了解各岗位津贴');
    expect(d.answers).toEqual([expect.objectContaining({ fieldKey: 'basic.personnelUse', value: '按进度发放工资，多少分了解各岗位津贴' })]);
  });
});
