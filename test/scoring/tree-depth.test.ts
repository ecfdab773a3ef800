import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { validateRuleSet } from '../../src/scoring/ruleset-loader.js';
import { modelOf, ruleSetDoc } from '../helpers/rulesets.js';

/** A per-occurrence indicator: full marks with 0 violations, −1 per violation. */
const leaf = (id: string, weight: number) => ({
  id,
  name: `指标${id}`,
  weight,
  criterion: '每发生一次扣1分',
  provenance: '测试',
  rule: { type: 'per_occurrence', field: 'mgmt.violations', perOccurrence: 1 },
});
const group = (name: string, weight: number, children: unknown[]) => ({ name, weight, children });

function refusal(doc: unknown): readonly string[] {
  try {
    validateRuleSet(doc);
  } catch (e) {
    expect((e as AppError).code).toBe('RULESET_INVALID');
    return (e as AppError).details;
  }
  throw new Error('rule set was accepted');
}

describe('trees of any depth from 1 to 4', () => {
  it('depth 2 beside depth 3: eight items directly under 综合管理', () => {
    const eight = Array.from({ length: 8 }, (_, i) => leaf(`m${i + 1}`, 2.5));
    const rs = validateRuleSet(ruleSetDoc([group('综合管理', 20, eight), group('投入', 80, [group('预算配置', 80, [leaf('a', 80)])])]));
    expect(rs.tree.map((l1) => [l1.name, l1.weight, l1.children.map((c) => [c.name, c.weight, c.indicators.length])])).toEqual([
      ['综合管理', 20, [['综合管理', 20, 8]]],
      ['投入', 80, [['预算配置', 80, 1]]],
    ]);
    const result = scoreReport(modelOf({ 'mgmt.violations': 1 }), rs);
    expect(result.level1[0]!.points).toBe(12); // 8 × (2.5 − 1)
    expect(result.indicators[0]!.level2).toBe('综合管理');
  });

  it('depth 1: a flat table', () => {
    const rs = validateRuleSet(ruleSetDoc([leaf('a', 60), leaf('b', 40)]));
    expect(rs.tree).toHaveLength(1);
    expect(rs.tree[0]!.name).toBe('评价指标');
    expect(rs.tree[0]!.children[0]!.indicators.map((i) => i.id)).toEqual(['a', 'b']);
    expect(scoreReport(modelOf({ 'mgmt.violations': 0 }), rs).total).toBe(100);
  });

  it('depth 4: a 三级 group is checked against its 二级 and printed as "二级 › 三级"', () => {
    const doc = (w: number) =>
      ruleSetDoc([group('过程', 100, [group('预算管理', 100, [group('制度', 40, [leaf('a', 20), leaf('b', w)]), group('执行', 60, [leaf('c', 60)])])])]);
    const rs = validateRuleSet(doc(20));
    expect(rs.tree[0]!.children.map((c) => [c.name, c.weight])).toEqual([
      ['预算管理 › 制度', 40],
      ['预算管理 › 执行', 60],
    ]);
    expect(scoreReport(modelOf({ 'mgmt.violations': 0 }), rs).indicators.map((i) => i.level2)).toEqual(['预算管理 › 制度', '预算管理 › 制度', '预算管理 › 执行']);
    expect(refusal(doc(15))).toContain('「制度」下级分值合计 35，与其分值 40 不一致');
  });

  it('depth 5 is refused', () => {
    const deep = group('一', 100, [group('二', 100, [group('三', 100, [group('四', 100, [leaf('a', 100)])])])]);
    expect(refusal(ruleSetDoc([deep]))).toEqual(['规则集 一 › 二 › 三 › 四：层级过多：指标树最多 4 级（含末级指标）']);
  });

  it('the old `indicators:` key of a 二级 is still read', () => {
    const rs = validateRuleSet(ruleSetDoc([{ name: '投入', weight: 100, children: [{ name: '预算配置', weight: 100, indicators: [leaf('a', 100)] }] }]));
    expect(rs.tree[0]!.children[0]!.indicators[0]!.id).toBe('a');
  });
});

describe('a rule set may declare its total', () => {
  const part = (extra: Record<string, unknown>) => ruleSetDoc([group('履职成效', 20, [leaf('a', 12), leaf('b', 8)])], extra);

  it('without it the tree must total 100', () => {
    expect(refusal(part({}))).toContain('一级指标分值合计 20，应为 100');
  });

  it('total: 20 is accepted, and the grade is of the share of 20', () => {
    const rs = validateRuleSet(part({ total: 20 }));
    const result = scoreReport(modelOf({ 'mgmt.violations': 1 }), rs);
    expect(result.total).toBe(18);
    expect(result.outOf).toBe(20);
    expect(result.grade).toBe('优'); // 18 of 20 = 90%
    expect(scoreReport(modelOf({ 'mgmt.violations': 2 }), rs).grade).toBe('良'); // 16 of 20 = 80%
  });

  it('a declared total the tree does not reach is refused, naming it', () => {
    expect(refusal(part({ total: 25 }))).toContain('一级指标分值合计 20，应为 25（total）');
  });
});
