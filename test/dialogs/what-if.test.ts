import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/dialogs/commands.js';
import { handle } from '../../src/dialogs/engine.js';
import { initialState, type Decision, type DialogState, type Snapshot, type Step } from '../../src/dialogs/types.js';
import type { ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import type { RuleSet } from '../../src/scoring/ruleset-schema.js';
import { flatRuleSet, seedModel } from '../helpers/rulesets.js';

/** Issue 27 item 6: what-if in the chat — the score with the change, what changes, nothing stored. */

/** A rule set scoring the report's 预算执行率 (全年执行数 ÷ 全年预算数) in bands. */
const execution: RuleSet = flatRuleSet([
  {
    id: 'execution',
    name: '预算执行率',
    weight: 10,
    rule: {
      type: 'bands',
      input: { kind: 'ratio', numerator: ['budget.executed'], denominator: ['budget.full'] },
      bands: [
        { label: '≥99%', min: 99, points: 10 },
        { label: '95%–99%', min: 95, points: 8 },
        { label: '90%–95%', min: 90, points: 6 },
      ],
      otherwise: 0,
      zeroDenominator: { points: 0, reason: '全年预算数为 0' },
    },
  },
  { id: 'filler', name: '补足', weight: 90, rule: { type: 'not_applicable', reason: '补足分值' } },
]);
const yueyang = loadRuleSet('yueyang-reference');
const deps = { newId: () => 'x' };
const snap = (model: ReportModel, ruleSet: RuleSet): Snapshot => ({
  userId: 'u1',
  memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role: 'filler' }],
  report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model },
  ruleSet,
  today: { year: 2025 },
  buttons: false,
});
const at = (step: Step): DialogState => ({ ...initialState(), unitId: 'unit-1', reportId: 'r1', step });
const field = (key: string): Step => ({ kind: 'field', ref: { key } });
const text = (d: Decision) => d.replies.map((r) => r.text).join('\n');
function missing(key: string): ReportModel {
  const m = seedModel();
  delete m.values[key];
  return m;
}

/** The turn stored nothing: no answers, items or deletions, the loaded model untouched. */
function storedNothing(d: Decision, model: ReportModel, before: ReportModel): void {
  expect(d.answers).toEqual([]);
  expect(d.addItems).toEqual([]);
  expect(d.deleteItems).toEqual([]);
  expect(model).toEqual(before);
}

describe('what-if words', () => {
  it.each([
    ['如果 全年执行数 350', [{ what: '全年执行数', value: '350' }], false],
    ['如果全年执行数为350万元', [{ what: '全年执行数', value: '350万元' }], false],
    ['假设全年执行数是350，能得多少分？', [{ what: '全年执行数', value: '350' }], true],
    ['执行率到95%能得几分', [{ what: '执行率', value: '95%' }], true],
    ['如果执行率达到95%的话', [{ what: '执行率', value: '95%' }], false],
    ['如果 全年执行数 350、全年预算数 360 得几分', [{ what: '全年执行数', value: '350' }, { what: '全年预算数', value: '360' }], true],
    ['如果 全年执行数 1,350.5', [{ what: '全年执行数', value: '1,350.5' }], false],
  ])('%s', (message, asks, asked) => {
    expect(parseCommand(message)).toEqual({ kind: 'whatIf', asks, asked });
  });

  it('the other commands keep their meaning', () => {
    expect(parseCommand('多少分')?.kind).toBe('score');
    expect(parseCommand('全年执行数 改为 350')).toEqual({ kind: 'set', what: '全年执行数', value: '350' });
    expect(parseCommand('全年执行数 350')).toBeUndefined();
  });
});

describe('what-if in the chat', () => {
  it('如果 全年执行数 350: the score with it, the indicator that changes, nothing stored, the question again', () => {
    const model = missing('staff.actual');
    const before = structuredClone(model);
    const d = handle(snap(model, execution), at(field('staff.actual')), '如果 全年执行数 350', deps);
    const t = text(d);
    expect(t).toContain('「全年执行数」由 362.56万元 改为 350.00万元');
    // 350 ÷ 365 = 95.89 % falls from the ≥99 % band (10) into 95–99 % (8)
    expect(t).toContain('试算总分：98.00 分（优）；现在 100.00 分（优），少 2.00 分。');
    expect(t).toMatch(/- 预算执行率：10\.00 → 8\.00（−2\.00）；.*95\.89%/);
    expect(t).not.toContain('补足');
    expect(t).toContain('如要正式修改，请回复「全年执行数 改为 350.00万元」');
    expect(t).toMatch(/请输入 实有人数/);
    storedNothing(d, model, before);
    expect(d.state.step).toEqual(field('staff.actual'));
  });

  it('执行率到95%能得几分: the spending that gives 95 % of 全年预算数, said as such', () => {
    const model = seedModel();
    const before = structuredClone(model);
    const d = handle(snap(model, execution), at({ kind: 'done' }), '执行率到95%能得几分', deps);
    const t = text(d);
    // 95 % × 365.00 = 346.75
    expect(t).toContain('假设「预算执行率」达到 95%：按 全年预算数 365.00万元 推算，「全年执行数」由 362.56万元 改为 346.75万元');
    expect(t).toMatch(/- 预算执行率：10\.00 → 8\.00（−2\.00）；.*95\.00%/);
    storedNothing(d, model, before);
  });

  it('the what-if score is the score of the report with that figure (scoreReport of a changed copy)', () => {
    const model = seedModel();
    const d = handle(snap(model, yueyang), at({ kind: 'done' }), '如果 实有人数 12 能得几分', deps);
    const changed = scoreReport({ ...model, values: { ...model.values, 'staff.actual': 12 } }, yueyang);
    expect(changed.total).toBeCloseTo(92.38, 2);
    expect(text(d)).toContain(`试算总分：${changed.total.toFixed(2)} 分（优）；现在 96.88 分（优），少 4.50 分。`);
    expect(text(d)).toContain('- 在职人员控制率：5.00 → 0.50（−4.50）；在职人员控制率为 109.09%，超过 100.00%，扣 4.5 分');
  });

  it('a figure no indicator reads is said to change nothing', () => {
    const d = handle(snap(seedModel(), yueyang), at({ kind: 'done' }), '如果 全年执行数 350', deps);
    expect(text(d)).toContain('各指标得分都不变。');
    expect(text(d)).toContain('当前评分规则集没有指标用到「全年执行数」');
  });

  it('an indicator named with a rate: 政府采购执行率到50%', () => {
    const d = handle(snap(seedModel(), yueyang), at({ kind: 'done' }), '政府采购执行率到50%能得几分', deps);
    expect(text(d)).toContain('按 政府采购金额（本年预算数） 12.00万元 推算，「政府采购金额（本年决算数）」由 11.50万元 改为 6.00万元');
    expect(text(d)).toContain('- 政府采购执行率：2.88 → 1.50（−1.38）');
  });

  it('a count derived from a rate is a whole number, and the rate it then gives is said', () => {
    // 120 % of 11 = 13.2 people: 13, which is 118.18 %
    const d = handle(snap(seedModel(), yueyang), at({ kind: 'done' }), '在职人员控制率到120%能得几分', deps);
    expect(text(d)).toContain('假设「在职人员控制率」达到 120%（取整后实为 118.18%）：按 编制数 11人 推算，「实有人数」由 9人 改为 13人');
  });

  it('a rate that cannot be derived, or an unknown name, is said (nothing stored)', () => {
    const d1 = handle(snap(seedModel(), yueyang), at({ kind: 'done' }), '实际完成率到95%能得几分', deps);
    expect(text(d1)).toContain('「实际完成率」不是按一个比率计算的');
    const d2 = handle(snap(missing('budget.full'), execution), at({ kind: 'done' }), '执行率到95%能得几分', deps);
    expect(text(d2)).toContain('要推算「预算执行率」，需先填写 全年预算数');
    const d3 = handle(snap(seedModel(), yueyang), at({ kind: 'done' }), '如果 办公面积 350', deps);
    expect(text(d3)).toContain('没有找到名为「办公面积」的数据项');
    for (const d of [d1, d2, d3]) expect(d.answers).toEqual([]);
  });

  it('on a text question, 如果… that names no figure is the answer (prose), not a what-if', () => {
    const d = handle(snap(missing('narrative.problems'), yueyang), at(field('narrative.problems')), '如果资金 到位', deps);
    expect(d.answers).toEqual([{ fieldKey: 'narrative.problems', value: '如果资金 到位' }]);
  });

  it('on a text question, a what-if that names a figure is still a what-if', () => {
    const d = handle(snap(missing('narrative.problems'), execution), at(field('narrative.problems')), '如果 全年执行数 350', deps);
    expect(d.answers).toEqual([]);
    expect(text(d)).toContain('试算总分');
  });
});
