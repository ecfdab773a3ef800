import { describe, expect, it } from 'vitest';
import { scoreOne, target } from '../helpers/rulesets.js';

const staffRatio = { kind: 'ratio', numerator: ['staff.actual'], denominator: ['staff.authorized'] };
const zeroPolicy = { points: 0, reason: '编制数为 0' };

describe('cap_deduct (在职人员控制率: ≤100% full, −0.5 per whole point over, floor 0)', () => {
  const rule = { type: 'cap_deduct', input: staffRatio, cap: 100, perPoint: 0.5, zeroDenominator: zeroPolicy };
  it.each([
    [90, 100, 5],
    [100, 100, 5], // exactly at the cap
    [1005, 1000, 5], // 100.5%: not a whole point over
    [101, 100, 4.5], // one point over
    [1019, 1000, 4.5], // 101.9%: still one whole point
    [102, 100, 4],
    [110, 100, 0], // ten points × 0.5 = 5: floor at 0
    [200, 100, 0], // far over: never negative
  ])('actual %i / authorized %i → %f', (actual, authorized, points) => {
    const r = scoreOne(rule, { 'staff.actual': actual, 'staff.authorized': authorized });
    expect(r.status).toBe('scored');
    expect(r.points).toBeCloseTo(points, 10);
  });

  it('counts partial points when the rule says so', () => {
    const r = scoreOne({ ...rule, partialPoints: true }, { 'staff.actual': 1015, 'staff.authorized': 1000 });
    expect(r.points).toBeCloseTo(5 - 1.5 * 0.5, 10);
  });

  it('states formula with numbers and a Chinese deduction reason', () => {
    const r = scoreOne(rule, { 'staff.actual': 12, 'staff.authorized': 11 });
    expect(r.formula).toContain('实有人数 12人 ÷ 编制数 11人 = 109.09%');
    expect(r.reason).toBe('被测指标为 109.09%，超过 100.00%，扣 4.5 分');
    expect(r.points).toBeCloseTo(0.5, 10);
    expect(r.inputs.map((i) => i.key)).toEqual(['staff.actual', 'staff.authorized']);
  });

  it('applies the explicit zero-denominator rule', () => {
    const r = scoreOne(rule, { 'staff.actual': 3, 'staff.authorized': 0 });
    expect(r.points).toBe(0);
    expect(r.reason).toContain('编制数为 0');
  });

  it('is pending, naming the missing input, when a figure is absent', () => {
    const r = scoreOne(rule, { 'staff.actual': 9 });
    expect(r.status).toBe('pending');
    expect(r.points).toBeNull();
    expect(r.missing.map((m) => m.label)).toEqual(['编制数']);
    expect(r.bounds).toEqual({ min: 0, max: 5 });
  });
});

describe('sign_threshold (“三公经费”变动率: ≤0 full, −0.5 per point above 0)', () => {
  const rule = {
    type: 'sign_threshold',
    input: { kind: 'change', current: 'sanGong.total.actual', previous: 'sanGong.total.prior' },
    threshold: 0,
    perPoint: 0.5,
    zeroDenominator: { points: 0, reason: '上年为 0 本年有支出', ifNumeratorZero: { points: 'full', reason: '两年均为 0' } },
  };
  it.each([
    [90, 100, 5], // −10%
    [100, 100, 5], // 0%: at the threshold
    [100.99, 100, 5], // +0.99%: no whole point
    [101, 100, 4.5], // +1%
    [103.5, 100, 3.5], // +3.5% → 3 whole points
    [200, 100, 0], // +100%: floor
  ])('current %f / previous %f → %f', (cur, prev, points) => {
    expect(scoreOne(rule, { 'sanGong.total.actual': cur, 'sanGong.total.prior': prev }).points).toBeCloseTo(points, 10);
  });

  it('previous year 0 and this year 0 → full, marked not applicable', () => {
    const r = scoreOne(rule, { 'sanGong.total.actual': 0, 'sanGong.total.prior': 0 });
    expect(r.points).toBe(5);
    expect(r.status).toBe('not_applicable');
    expect(r.formula).toContain('两年均为 0');
  });

  it('previous year 0 and spending this year → the policy points', () => {
    const r = scoreOne(rule, { 'sanGong.total.actual': 1.2, 'sanGong.total.prior': 0 });
    expect(r.points).toBe(0);
    expect(r.reason).toContain('上年为 0 本年有支出');
  });
});

describe('bands', () => {
  const keySpending = {
    type: 'bands',
    input: { kind: 'ratio', numerator: ['budget.keyProjects'], denominator: ['spend.project'] },
    bands: [
      { label: '≥90%', min: 90, points: 5 },
      { label: '80%–90%', min: 80, points: 4 },
      { label: '70%–80%', min: 70, points: 3 },
      { label: '60%–70%', min: 60, points: 2 },
    ],
    otherwise: 0,
    zeroDenominator: { points: 'full', reason: '无项目支出' },
  };
  it.each([
    [100, 5],
    [90, 5], // band edge is inclusive
    [89.99, 4],
    [80, 4],
    [79.99, 3],
    [70, 3],
    [60, 2],
    [59.99, 0], // otherwise
    [0, 0],
  ])('重点支出安排率 %f%% → %f', (pct, points) => {
    const r = scoreOne(keySpending, { 'budget.keyProjects': pct, 'spend.project': 100 });
    expect(r.points).toBe(points);
    if (points < 5) expect(r.reason).toMatch(/^被测指标为 .*扣/);
  });

  it('zero denominator with a full-marks policy is not applicable', () => {
    const r = scoreOne(keySpending, { 'budget.keyProjects': 0, 'spend.project': 0 });
    expect(r.status).toBe('not_applicable');
    expect(r.points).toBe(5);
  });

  const adjustment = {
    type: 'bands',
    input: { kind: 'ratio', numerator: ['budget.adjustment'], denominator: ['budget.initial'], absolute: true },
    bands: [
      { label: '无调整', max: 0, points: 3 },
      { max: 10, points: 2 },
      { max: 20, points: 1 },
      { max: 30, points: 0.5 },
    ],
    otherwise: 0,
    zeroDenominator: { points: 0, reason: '年初预算为 0' },
  };
  it.each([
    [0, 3],
    [10, 2],
    [10.01, 1],
    [20, 1],
    [30, 0.5],
    [30.01, 0],
    [-10, 2], // a cut is an adjustment too (absolute)
    [-25, 0.5],
  ])('预算调整率 with adjustment %f of 100 → %f', (adj, points) => {
    expect(scoreOne(adjustment, { 'budget.adjustment': adj, 'budget.initial': 100 }, {}, 3).points).toBe(points);
  });

  it('labels an unlabelled band by its bounds', () => {
    const r = scoreOne(adjustment, { 'budget.adjustment': 5, 'budget.initial': 100 }, {}, 3);
    expect(r.formula).toContain('「≤10.00%」');
  });
});

describe('per_step (预算完成率: −2 per full 5% below 100%)', () => {
  const rule = {
    type: 'per_step',
    input: { kind: 'ratio', numerator: ['budget.executed'], denominator: ['budget.full'] },
    target: 100,
    step: 5,
    perStep: 2,
    zeroDenominator: { points: 0, reason: '全年预算为 0' },
  };
  it.each([
    [100, 10],
    [120, 10], // above target
    [99.27, 10], // the domain's example: not a full step below
    [95.01, 10],
    [95, 8], // exactly one full step
    [94.99, 8],
    [90, 6],
    [50, 0], // 10 steps × 2 = 20 > 10: floor
    [0, 0],
  ])('%f%% → %f', (pct, points) => {
    const r = scoreOne(rule, { 'budget.executed': pct, 'budget.full': 100 }, {}, 10);
    expect(r.points).toBeCloseTo(points, 10);
  });
});

describe('categorical (资金结余)', () => {
  const rule = {
    type: 'categorical',
    field: 'budget.yearEndBalance',
    cases: [
      { label: '无结余', op: '=', value: 0, points: 3 },
      { label: '结余不超过上年结转', op: '<=', field: 'budget.carryoverPrior', points: 2 },
    ],
    otherwise: { label: '结余超过上年结转', points: 0 },
  };
  it.each([
    [0, 5, 3, '无结余'],
    [2.44, 5, 2, '结余不超过上年结转'],
    [5, 5, 2, '结余不超过上年结转'], // equal is "不超过"
    [5.01, 5, 0, '结余超过上年结转'],
  ])('balance %f, carry-over %f → %f (%s)', (bal, carry, points, label) => {
    const r = scoreOne(rule, { 'budget.yearEndBalance': bal, 'budget.carryoverPrior': carry }, {}, 3);
    expect(r.points).toBe(points);
    expect(r.formula).toContain(label);
  });

  it('needs the compared field only when the first case does not hold', () => {
    expect(scoreOne(rule, { 'budget.yearEndBalance': 0 }, {}, 3).points).toBe(3);
    const r = scoreOne(rule, { 'budget.yearEndBalance': 1 }, {}, 3);
    expect(r.status).toBe('pending');
    expect(r.missing.map((m) => m.label)).toEqual(['上年结转']);
  });
});

describe('per_occurrence', () => {
  const rule = { type: 'per_occurrence', field: 'mgmt.latePayments', perOccurrence: 0.5 };
  it.each([
    [0, 3],
    [1, 2.5],
    [5, 0.5],
    [6, 0], // exactly used up
    [7, 0], // floor at 0
  ])('%i late payments → %f', (n, points) => {
    const r = scoreOne(rule, { 'mgmt.latePayments': n }, {}, 3);
    expect(r.points).toBeCloseTo(points, 10);
    if (n > 0) expect(r.reason).toContain(`未按进度支付的专项个数 ${n}个`);
  });
});

describe('checklist', () => {
  const rule = {
    type: 'checklist',
    items: [
      { field: 'mgmt.rules.exist', label: '已制定', points: 1 },
      { field: 'mgmt.rules.compliant', label: '合规', points: 1 },
      { field: 'mgmt.rules.enforced', label: '执行', points: 1 },
    ],
  };
  it('gives each item met its points and names the ones missed', () => {
    expect(scoreOne(rule, { 'mgmt.rules.exist': true, 'mgmt.rules.compliant': true, 'mgmt.rules.enforced': true }, {}, 3).points).toBe(3);
    const r = scoreOne(rule, { 'mgmt.rules.exist': true, 'mgmt.rules.compliant': false, 'mgmt.rules.enforced': true }, {}, 3);
    expect(r.points).toBe(2);
    expect(r.reason).toBe('未达到：合规');
    expect(scoreOne(rule, { 'mgmt.rules.exist': false, 'mgmt.rules.compliant': false, 'mgmt.rules.enforced': false }, {}, 3).points).toBe(0);
  });

  it('with unanswered items is pending with narrowed bounds', () => {
    const r = scoreOne(rule, { 'mgmt.rules.exist': true, 'mgmt.rules.compliant': false }, {}, 3);
    expect(r.status).toBe('pending');
    expect(r.bounds).toEqual({ min: 1, max: 2 });
    expect(r.missing.map((m) => m.key)).toEqual(['mgmt.rules.enforced']);
  });
});

describe('proportional', () => {
  const rule = {
    type: 'proportional',
    input: { kind: 'ratio', numerator: ['procurement.actual'], denominator: ['procurement.budget'] },
    target: 100,
    zeroDenominator: { points: 'full', reason: '无政府采购预算' },
  };
  it.each([
    [11.5, 12, 3 * (11.5 / 12)],
    [12, 12, 3],
    [15, 12, 3], // over target: capped
    [0, 12, 0],
  ])('%f of %f → %f', (a, b, points) => {
    expect(scoreOne(rule, { 'procurement.actual': a, 'procurement.budget': b }, {}, 3).points).toBeCloseTo(points, 10);
  });

  it('no procurement budget → full, not applicable ("无此类项目的按满分计")', () => {
    const r = scoreOne(rule, { 'procurement.actual': 0, 'procurement.budget': 0 }, {}, 3);
    expect(r.status).toBe('not_applicable');
    expect(r.points).toBe(3);
  });

  it('against a non-100 target (满意度 默认 90%)', () => {
    const sat = { type: 'proportional', input: { kind: 'value', field: 'effect.satisfaction' }, target: 90 };
    expect(scoreOne(sat, { 'effect.satisfaction': 81 }, {}, 8).points).toBeCloseTo(7.2, 10);
    expect(scoreOne(sat, { 'effect.satisfaction': 90 }, {}, 8).points).toBe(8);
    expect(scoreOne(sat, { 'effect.satisfaction': 95 }, {}, 8).formula).toContain('95.00% ÷ 目标 90.00%');
  });
});

describe('targets (against the unit’s annual targets)', () => {
  const rule = { type: 'targets', categories: ['数量'] };
  const t = (v: Record<string, string | number>, id: string) => target(Object.fromEntries(Object.entries(v).map(([k, x]) => [`target.${k}`, x])), id);

  it('averages min(actual/target, 1) over the targets of the category', () => {
    const r = scoreOne(rule, {}, {
      target: [
        t({ category: '数量', name: 'A', direction: '≥', measureUnit: '件', target: 100, actual: 80 }, 'a'),
        t({ category: '数量', name: 'B', direction: '≥', measureUnit: '件', target: 100, actual: 130 }, 'b'),
        t({ category: '质量', name: 'C', direction: '≥', measureUnit: '%', target: 100, actual: 0 }, 'c'),
      ],
    }, 8);
    expect(r.points).toBeCloseTo(8 * ((0.8 + 1) / 2), 10);
    expect(r.reason).toBe('未完全达成的目标：A');
    expect(r.flags).toEqual([]);
  });

  it('scores reverse (≤), equality and qualitative targets', () => {
    const rows = [
      t({ category: '数量', name: '成本', direction: '≤', measureUnit: '元', target: 100, actual: 125 }, 'a'), // 0.8
      t({ category: '数量', name: '成本达标', direction: '≤', measureUnit: '元', target: 100, actual: 90 }, 'b'), // 1
      t({ category: '数量', name: '等于', direction: '=', measureUnit: '个', target: 10, actual: 8 }, 'c'), // 0.8
      t({ category: '数量', name: '定性', direction: '定性', level: '部分达成' }, 'd'), // default 70%
      t({ category: '数量', name: '定性2', direction: '定性', level: '达成', levelPercent: 90 }, 'e'), // 90%
    ];
    const r = scoreOne(rule, {}, { target: rows }, 10);
    expect(r.points).toBeCloseTo(10 * ((0.8 + 1 + 0.8 + 0.7 + 0.9) / 5), 10);
  });

  it('clamps a qualitative percentage outside its band and says so', () => {
    const r = scoreOne(rule, {}, { target: [t({ category: '数量', name: 'Q', direction: '定性', level: '部分达成', levelPercent: 95 }, 'q')] }, 10);
    expect(r.points).toBeCloseTo(8, 10);
    expect(r.flags[0]).toContain('不在 60%–80% 区间内');
  });

  it('flags far over-achievement (> 150%) but not 150% itself', () => {
    const over = scoreOne(rule, {}, { target: [t({ category: '数量', name: '偏低', direction: '≥', measureUnit: '件', target: 100, actual: 151 }, 'a')] });
    expect(over.points).toBe(5);
    expect(over.flags).toEqual(['「偏低」完成 151.00%，指标值设定可能偏低']);
    const edge = scoreOne(rule, {}, { target: [t({ category: '数量', name: '刚好', direction: '≥', measureUnit: '件', target: 100, actual: 150 }, 'a')] });
    expect(edge.flags).toEqual([]);
  });

  it('a target of 0 with "≥" is met by any actual value (no division by zero)', () => {
    const r = scoreOne(rule, {}, { target: [t({ category: '数量', name: '零', direction: '≥', measureUnit: '件', target: 0, actual: 0 }, 'a')] });
    expect(r.points).toBe(5);
  });

  it('is pending and names the category when no target of it exists', () => {
    const r = scoreOne(rule, {}, {});
    expect(r.status).toBe('pending');
    expect(r.missing.map((m) => m.label)).toEqual(['年度绩效目标（数量类）']);
  });

  it('is pending and names the target when its actual value is missing', () => {
    const r = scoreOne(rule, {}, { target: [t({ category: '数量', name: '受理数', direction: '≥', measureUnit: '件', target: 100 }, 'a')] });
    expect(r.status).toBe('pending');
    expect(r.missing).toEqual([{ key: 'target.actual', label: '实际完成值', where: '年度绩效目标「受理数」' }]);
  });

  it('falls back when the unit set no target of the category', () => {
    const withFallback = { ...rule, fallback: { type: 'qualitative', field: 'effect.economicLevel' } };
    const r = scoreOne(withFallback, { 'effect.economicLevel': '未达成' }, {}, 4);
    expect(r.points).toBeCloseTo(4 * 0.3, 10);
    expect(r.formula).toContain('没有「数量」类目标');
    const na = scoreOne({ ...rule, fallback: { type: 'not_applicable', reason: '未设定' } }, {}, {}, 4);
    expect(na.status).toBe('not_applicable');
    expect(na.points).toBe(4);
  });
});

describe('qualitative, not_applicable, manual', () => {
  it('qualitative uses the level default, or the percentage inside the band', () => {
    const rule = { type: 'qualitative', field: 'effect.sustainabilityLevel' };
    expect(scoreOne(rule, { 'effect.sustainabilityLevel': '达成' }, {}, 2).points).toBe(2);
    expect(scoreOne(rule, { 'effect.sustainabilityLevel': '部分达成' }, {}, 2).points).toBeCloseTo(1.4, 10);
    expect(scoreOne(rule, { 'effect.sustainabilityLevel': '未达成' }, {}, 2).reason).toBe('可持续影响达成情况为「未达成」');
    expect(scoreOne(rule, {}, {}, 2).status).toBe('pending');
  });

  it('not_applicable gives full marks with its reason', () => {
    const r = scoreOne({ type: 'not_applicable', reason: '无此类项目' }, {}, {}, 4);
    expect(r).toMatchObject({ status: 'not_applicable', points: 4, deduction: 0, formula: '不适用：无此类项目，按满分计' });
  });

  it('manual takes the unit’s score and reason, capped at the weight', () => {
    const item = (score: number) => ({ id: 'm', values: { 'manualScore.indicatorId': 'under-test', 'manualScore.score': score, 'manualScore.reason': '专家评议' }, children: {} });
    const pending = scoreOne({ type: 'manual' }, {});
    expect(pending.status).toBe('pending');
    expect(pending.missing[0]!.label).toBe('「被测指标」的人工评分及理由');
    const r = scoreOne({ type: 'manual' }, {}, { manualScore: [item(3.5)] });
    expect(r.points).toBe(3.5);
    expect(r.reason).toBe('专家评议');
    const over = scoreOne({ type: 'manual' }, {}, { manualScore: [item(9)] });
    expect(over.points).toBe(5);
    expect(over.flags[0]).toContain('超过分值');
  });
});
