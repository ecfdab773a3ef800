import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { evaluateFormula, parseFormula, printFormula } from '../../src/scoring/formula.js';
import { dependenciesOf } from '../../src/scoring/incremental.js';
import { scoreOne } from '../helpers/rulesets.js';

/** 预算完成率 = (上年结转 + 年初 + 追加 − 结余) ÷ (上年结转 + 年初 + 追加), issue 27 "What is wrong" 2. */
const COMPLETION = '(budget.carryoverPrior + budget.initial + budget.adjustment − budget.yearEndBalance) ÷ (budget.carryoverPrior + budget.initial + budget.adjustment)';
const completion = {
  type: 'per_step',
  input: { kind: 'formula', expr: COMPLETION },
  target: 100,
  step: 5,
  perStep: 2,
  zeroDenominator: { points: 0, reason: '预算总额为 0' },
};
const figures = { 'budget.carryoverPrior': 20, 'budget.initial': 300, 'budget.adjustment': 50, 'budget.yearEndBalance': 2.44 };

describe('formulas: + − × ÷ and brackets over field keys, without eval', () => {
  it('预算完成率 with subtraction and brackets scores and prints the figures, brackets kept', () => {
    const r = scoreOne(completion, figures, {}, 10);
    expect(r.points).toBe(10); // 367.56 / 370 = 99.34%: not a full 5% below
    expect(r.formula).toContain(
      '（上年结转 20.00万元 + 年初预算数 300.00万元 + 预算调整数 50.00万元 − 年末结转结余 2.44万元） ÷ （上年结转 20.00万元 + 年初预算数 300.00万元 + 预算调整数 50.00万元） = 99.34%',
    );
    expect(scoreOne(completion, { ...figures, 'budget.yearEndBalance': 40 }, {}, 10).points).toBe(6); // 89.19%: two full steps
  });

  it('× and ÷ bind tighter than + and −; unary minus; ASCII operators and full-width brackets', () => {
    const v = { a: 2, b: 3, c: 4 };
    const value = (src: string) => {
      const r = evaluateFormula(parseFormula(src), v);
      return r.kind === 'value' ? r.value : NaN;
    };
    expect(value('a + b × c')).toBe(14);
    expect(value('(a + b) * c')).toBe(20);
    expect(value('（a + b）÷ c')).toBe(1.25);
    expect(value('a - b - c')).toBe(-5);
    expect(value('-a + 10 / 4')).toBe(0.5);
    expect(printFormula(parseFormula('(a+b)*c-1'), (k) => k)).toBe('（a + b） × c − 1');
  });

  it('refuses what is not arithmetic, so nothing is ever executed', () => {
    expect(() => parseFormula('process.exit()')).toThrow(/放错了位置/);
    expect(() => parseFormula('a; b')).toThrow('第 2 个字符「;」无法识别');
    expect(() => parseFormula('(a + b')).toThrow('结尾缺少右括号');
    expect(() => parseFormula('(a + b c')).toThrow('第 8 个字符处缺少右括号');
    expect(() => parseFormula('a +')).toThrow('公式不完整');
  });

  it('a zero divisor follows the zeroDenominator policy', () => {
    const zero = { 'budget.carryoverPrior': 0, 'budget.initial': 0, 'budget.adjustment': 0, 'budget.yearEndBalance': 0 };
    const r = scoreOne(completion, zero, {}, 10);
    expect(r.points).toBe(0);
    expect(r.formula).toContain('上年结转 + 年初预算数 + 预算调整数');
    expect(r.formula).toContain('预算总额为 0');
  });

  it('is pending while a field is missing, naming it', () => {
    const { 'budget.adjustment': _a, ...partial } = figures;
    const r = scoreOne(completion, partial, {}, 10);
    expect(r.status).toBe('pending');
    expect(r.missing.map((m) => m.label)).toEqual(['预算调整数']);
  });

  it('incremental re-scoring knows which fields a formula reads', () => {
    expect(dependenciesOf(completion as never).keys.sort()).toEqual(['budget.adjustment', 'budget.carryoverPrior', 'budget.initial', 'budget.yearEndBalance']);
  });
});

describe('formulas in a rule set are checked at load', () => {
  const refused = (expr: string, zeroDenominator = true) => {
    try {
      scoreOne({ ...completion, input: { kind: 'formula', expr }, ...(zeroDenominator ? {} : { zeroDenominator: undefined }) }, {}, {}, 10);
    } catch (e) {
      expect((e as AppError).code).toBe('RULESET_INVALID');
      return (e as AppError).details;
    }
    throw new Error('accepted');
  };
  it('a syntax error, an unknown field (with the key meant), a division without a zero rule', () => {
    expect(refused('(budget.initial + budget.full')).toEqual(['指标「被测指标」（under-test）：公式「(budget.initial + budget.full」有误：结尾缺少右括号']);
    expect(refused('budget.intial ÷ budget.full')[0]).toContain('引用的字段「budget.intial」不在字段目录中，是否想写「budget.initial」？');
    expect(refused('budget.initial ÷ budget.full', false)).toEqual(['指标「被测指标」（under-test）：按比率计算，必须写明分母为 0 时的处理规则 zeroDenominator']);
  });

  it('a formula without division needs no zero rule', () => {
    const rule = { type: 'bands', input: { kind: 'formula', expr: 'budget.initial + budget.adjustment', as: 'value' }, bands: [{ min: 300, points: 5 }], otherwise: 0 };
    const r = scoreOne(rule, figures);
    expect(r.points).toBe(5);
    expect(r.formula).toContain('年初预算数 300.00万元 + 预算调整数 50.00万元 = 350.00');
  });
});
