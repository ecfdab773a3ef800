import { describe, expect, it } from 'vitest';
import { handle, resume } from '../../src/dialogs/engine.js';
import { deps, fieldStep, nothingOpen, said, seedWithout, snapOf, stateAt, stored } from '../helpers/turns.js';

/**
 * Issue 25, what is wrong today 4: after skipping, the bot said 「所有问题都已回答」 with required
 * answers missing, and 「继续」 repeated it; 「国有资本经营预算支出 无」 was not understood.
 */
describe('no dead ends', () => {
  /** The seed with 人员经费 skipped and every optional question it leaves empty skipped too. */
  const skippedPersonnel = () => {
    const m = seedWithout(['basic.personnel']);
    return { m, state: stateAt({ kind: 'done' }, nothingOpen(m)) };
  };

  it('never says everything is answered while something required is missing', () => {
    const { m, state } = skippedPersonnel();
    const d = resume(snapOf(m), state, deps);
    expect(said(d)).not.toContain('所有问题都已回答');
    expect(said(d)).toContain('还有 1 项必填内容没有填写：人员经费');
  });

  it('the last answer with a required one skipped ends on the missing list, not 「所有问题都已回答」', () => {
    const m = seedWithout(['basic.personnel', 'narrative.measures']);
    const first = handle(snapOf(m), stateAt(fieldStep('narrative.measures'), nothingOpen(m, ['narrative.measures@'])), '加强培训', deps);
    // a long text takes more paragraphs until 完成 (issue 26 item 3): 完成 is the last answer
    m.values['narrative.measures'] = '加强培训';
    const d = handle(snapOf(m), first.state, '完成', deps);
    expect(said(d)).toContain('还有 1 项必填内容没有填写：人员经费');
  });

  it('「继续」 goes to the first skipped required question', () => {
    const { m, state } = skippedPersonnel();
    const d = handle(snapOf(m), state, '继续', deps);
    expect(said(d)).toContain('回到跳过的 1 项');
    expect(said(d)).toMatch(/请输入 人员经费（万元）/);
    expect(d.state.step).toEqual(fieldStep('basic.personnel'));
    expect(d.state.skipped).not.toContain('basic.personnel@');
  });

  it('skipped optional questions are offered after the required ones', () => {
    const m = seedWithout();
    const state = stateAt({ kind: 'done' }, nothingOpen(m));
    const optional = state.skipped!.length;
    expect(optional).toBeGreaterThan(0);
    expect(said(resume(snapOf(m), state, deps))).toContain(`必填内容都已填写；另有 ${optional} 项跳过的选填内容`);
    const d = handle(snapOf(m), state, '继续', deps);
    expect(said(d)).toContain(`回到跳过的 ${optional} 项`);
    expect(d.state.step.kind).toBe('field');
  });

  it.each([
    ['国有资本经营预算支出 无', 'stateCapital.has'],
    ['国有资本经营预算支出没有', 'stateCapital.has'],
    ['社会保险基金预算支出 0', 'socialInsurance.has'],
    ['楼堂馆所项目 无', 'building.has'],
  ])('「%s」 answers the has/has-not question by name', (input, key) => {
    const m = seedWithout([key, 'basic.personnel']);
    const d = handle(snapOf(m), stateAt(fieldStep('basic.personnel')), input, deps);
    expect(stored(d)).toEqual([{ fieldKey: key, value: false }]);
  });

  it('「政府性基金预算支出 有」 on its own question stores 有', () => {
    const m = seedWithout(['govFund.has']);
    const d = handle(snapOf(m), stateAt(fieldStep('govFund.has')), '政府性基金预算支出 有', deps);
    expect(stored(d)).toEqual([{ fieldKey: 'govFund.has', value: true }]);
  });
});
