import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { deps, fieldStep, indicatorRow, said, seedWithout, snapOf, stateAt, stored } from '../helpers/turns.js';

/**
 * Issue 25, what is wrong today 1: wrong magnitudes were stored silently (10万 for a count in 人次
 * became 10; 362.56元 for 全年执行数 became 0.04 万元 against a 365 万元 budget; 17428 became
 * 17 428 万元) and 1.5万人次 or 1,500元/件 were refused with 需要填数字.
 */
describe('magnitudes and units of indicator values', () => {
  /** The seed with one indicator value of project 1 missing, asked now. */
  function asking(row: number, key: 'target' | 'actual') {
    const m = seedWithout();
    const item = indicatorRow(m, 0, row);
    delete item.values[`specialIndicator.${key}`];
    return { m, item, state: stateAt(fieldStep(`specialIndicator.${key}`, item.id)) };
  }

  it.each([
    ['10万', 100000], // the 万 used to be dropped
    ['10万人次', 100000],
    ['1.5万人次', 15000], // used to be refused
    ['1050人次', 1050],
  ])('律师值班补贴发放人次 (人次): %s is stored as %d', (input, value) => {
    const { m, item, state } = asking(1, 'actual');
    const d = handle(snapOf(m), state, input, deps);
    expect(stored(d)).toEqual([{ fieldKey: 'specialIndicator.actual', itemId: item.id, value }]);
    expect(said(d)).toContain(`已记录 实际完成值 ${value}人次`);
  });

  it('单件平均办案补贴 (元/件): 1,500元/件 is stored as 1500', () => {
    const { m, item, state } = asking(4, 'target');
    const d = handle(snapOf(m), state, '1,500元/件', deps);
    expect(stored(d)).toEqual([{ fieldKey: 'specialIndicator.target', itemId: item.id, value: 1500 }]);
  });

  it('a unit after the number that is not the indicator’s is refused, not dropped', () => {
    const { m, state } = asking(0, 'actual'); // 件
    const d = handle(snapOf(m), state, '489人次', deps);
    expect(d.answers).toEqual([]);
    expect(said(d)).toContain('「实际完成值」的单位是件');
  });
});

describe('money figures outside the range the other figures allow are asked about once', () => {
  it('362.56元 for 全年执行数 against a 365 万元 budget: asks with 362.56 万元 as the likely reading', () => {
    const m = seedWithout(['budget.executed']);
    const d = handle(snapOf(m, 'filler', true), stateAt(fieldStep('budget.executed')), '362.56元', deps);
    expect(d.answers).toEqual([]);
    expect(said(d)).toContain('您填的是 362.56元（0.04 万元），低于全年预算数 365.00 万元的 0.5%。是否应为 362.56 万元？');
    expect(d.replies.at(-1)!.choices).toEqual(['改为 362.56万元', '按所填 0.04万元']);
    // the likely reading, by its button
    const yes = handle(snapOf(m), d.state, '改为 362.56万元', deps);
    expect(stored(yes)).toEqual([{ fieldKey: 'budget.executed', value: 362.56 }]);
    expect(said(yes)).toContain('已记录 全年执行数 362.56万元');
    expect(yes.state.clerk).toBeUndefined();
    // or the figure as typed
    const no = handle(snapOf(m), d.state, '2', deps);
    expect(no.answers[0]!.value).toBeCloseTo(0.036256, 9);
  });

  it('17428 for 基本支出合计 (over twice the budget): the likely reading is a lost decimal point', () => {
    const m = seedWithout(['basic.total']);
    const d = handle(snapOf(m), stateAt(fieldStep('basic.total')), '17428', deps);
    expect(d.answers).toEqual([]);
    expect(said(d)).toContain('您填的是 17428（17428.00 万元），超过全年预算数 365.00 万元的 2 倍。是否应为 174.28 万元？');
    expect(said(d)).toContain('1. 改为 174.28万元\n2. 按所填 17428.00万元');
    const yes = handle(snapOf(m), d.state, '1', deps);
    expect(stored(yes)).toEqual([{ fieldKey: 'basic.total', value: 174.28 }]);
  });

  it('a part larger than its total is asked about; 按所填 stores it as typed', () => {
    const m = seedWithout(['basic.personnel']);
    const d = handle(snapOf(m), stateAt(fieldStep('basic.personnel')), '200', deps);
    expect(said(d)).toContain('大于基本支出合计 174.28 万元');
    expect(d.answers).toEqual([]);
    const kept = handle(snapOf(m), d.state, '按所填 200.00万元', deps);
    expect(stored(kept)).toEqual([{ fieldKey: 'basic.personnel', value: 200 }]);
  });

  it('with no likely reading it asks to confirm; 重新填写 asks the question again', () => {
    const m = seedWithout(['sanGong.total.actual']);
    m.values['sanGong.car.actual'] = 1.2;
    const d = handle(snapOf(m), stateAt(fieldStep('sanGong.total.actual')), '0.5', deps);
    expect(said(d)).toContain('您填的是 0.5（0.50 万元），小于其中的公务用车购置和维护经费（本年决算数） 1.20 万元。请确认是否无误。');
    const again = handle(snapOf(m), d.state, '重新填写', deps);
    expect(again.answers).toEqual([]);
    expect(said(again)).toMatch(/请输入 三公经费（本年决算数）（万元）/);
  });

  it('another figure instead of a choice answers the question afresh', () => {
    const m = seedWithout(['budget.executed']);
    const d = handle(snapOf(m), stateAt(fieldStep('budget.executed')), '362.56元', deps);
    const retyped = handle(snapOf(m), d.state, '362.56', deps);
    expect(stored(retyped)).toEqual([{ fieldKey: 'budget.executed', value: 362.56 }]);
    expect(retyped.state.clerk).toBeUndefined();
  });

  it('the same figure typed again confirms it', () => {
    const m = seedWithout(['basic.personnel']);
    const d = handle(snapOf(m), stateAt(fieldStep('basic.personnel')), '200', deps);
    const again = handle(snapOf(m), d.state, '200万元', deps);
    expect(stored(again)).toEqual([{ fieldKey: 'basic.personnel', value: 200 }]);
  });

  it('「X 改为 Y」 is checked too', () => {
    const d = handle(snapOf(seedWithout()), stateAt({ kind: 'done' }), '全年执行数 改为 362.56元', deps);
    expect(d.answers).toEqual([]);
    expect(said(d)).toContain('是否应为 362.56 万元？');
  });

  it('a fast entry stores the plausible figures and asks about the implausible one', () => {
    const m = seedWithout(['basic.total', 'basic.personnel', 'staff.authorized']);
    const d = handle(snapOf(m), stateAt(fieldStep('staff.authorized')), '编制数 11 基本支出合计 17428 人员经费 160.2', deps);
    expect(stored(d)).toEqual([
      { fieldKey: 'staff.authorized', value: 11 },
      { fieldKey: 'basic.personnel', value: 160.2 },
    ]);
    expect(said(d)).toContain('是否应为 174.28 万元？');
    const yes = handle(snapOf(m), d.state, '是', deps);
    expect(stored(yes)).toEqual([{ fieldKey: 'basic.total', value: 174.28 }]);
  });

  it('figures within range are stored without a question', () => {
    const m = seedWithout(['budget.executed']);
    const d = handle(snapOf(m), stateAt(fieldStep('budget.executed')), '3,625,600元', deps);
    expect(stored(d)).toEqual([{ fieldKey: 'budget.executed', value: 362.56 }]);
    expect(d.state.clerk).toBeUndefined();
  });
});
