import { describe, expect, it } from 'vitest';
import { reviewFlags, type ReviewFlag } from '../../src/oversight/flags.js';
import type { ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

const ruleSet = loadRuleSet('yueyang-reference');
const flagsOf = (m: ReportModel, total?: number): ReviewFlag[] => {
  const score = scoreReport(m, ruleSet);
  return reviewFlags(m, total === undefined ? score : { ...score, total }, ruleSet);
};
const ids = (m: ReportModel, total?: number) => flagsOf(m, total).map((f) => f.id);

/** Every target row of a set made 定性 达成 (full) with no 实际完成值. */
function qualitativeAll(rows: { values: Record<string, unknown> }[], group: string) {
  for (const r of rows) {
    for (const k of ['measureUnit', 'target', 'actual']) delete r.values[`${group}.${k}`];
    r.values[`${group}.direction`] = '定性';
    r.values[`${group}.level`] = '达成';
  }
}

describe('reviewer’s warnings', () => {
  it('the seed report raises none', () => {
    const m = seedModel();
    expect(scoreReport(m, ruleSet).total).toBeGreaterThanOrEqual(90);
    expect(flagsOf(m)).toEqual([]);
  });

  it('a self-score of 90 or more with 预算执行率 under 90 %', () => {
    const m = seedModel();
    m.values['budget.full'] = 420; // 362.56 / 420 = 86.32 %
    const flags = flagsOf(m, 92);
    expect(flags.map((f) => f.id)).toContain('highScoreLowExecution');
    expect(flags.find((f) => f.id === 'highScoreLowExecution')!.message).toBe('自评 92.00 分，但预算执行率只有 86.32%（低于 90%）');
    // a lower score with the same execution, or 90 % executed, is not flagged
    expect(ids(m, 89.99)).not.toContain('highScoreLowExecution');
    m.values['budget.full'] = 362.56 / 0.9;
    expect(ids(m, 95)).not.toContain('highScoreLowExecution');
  });

  it('every target scored full while its actual values are missing', () => {
    const m = seedModel();
    qualitativeAll(m.groups.target!, 'target');
    const flags = flagsOf(m);
    expect(flags).toContainEqual({ id: 'targetsFullNoActuals', message: '年度整体绩效目标的 7 个指标全部按满分评价，但一个实际完成值也没有填写' });
    // one measured figure, or one target not full, and it is not raised
    const one = seedModel();
    qualitativeAll(one.groups.target!.slice(1), 'target');
    expect(ids(one)).not.toContain('targetsFullNoActuals');
    const partly = seedModel();
    qualitativeAll(partly.groups.target!, 'target');
    partly.groups.target![0]!.values['target.level'] = '部分达成';
    expect(ids(partly)).not.toContain('targetsFullNoActuals');
    // a 专项's indicator rows are a set of their own
    const project = seedModel();
    qualitativeAll(project.groups.special![1]!.children.specialIndicator!, 'specialIndicator');
    expect(flagsOf(project).map((f) => f.message)).toContain('专项「法律援助宣传及业务培训」的 7 个指标全部按满分评价，但一个实际完成值也没有填写');
  });

  it('a 专项 with 执行率 under 60 %', () => {
    const m = seedModel();
    const s = m.groups.special![0]!.values;
    s['special.executed'] = 30; // 30 / 53.2 = 56.39 %
    for (const k of ['special.executed.current', 'special.executed.carryover', 'special.executed.other']) delete s[k];
    s['special.fundSplit'] = false;
    expect(flagsOf(m)).toContainEqual({ id: 'projectLowExecution', message: '专项「法律援助办案补贴」预算执行率只有 56.39%（低于 60%）' });
    s['special.executed'] = 53.2 * 0.6;
    expect(ids(m)).not.toContain('projectLowExecution');
  });

  it('三公经费 up on last year', () => {
    const m = seedModel();
    m.values['sanGong.total.prior'] = 1.5;
    expect(flagsOf(m)).toContainEqual({ id: 'sanGongUp', message: '三公经费比上年增加：本年决算 1.85 万元，上年决算 1.50 万元' });
    m.values['sanGong.total.prior'] = 1.85;
    expect(ids(m)).not.toContain('sanGongUp');
  });

  it('checks still failing', () => {
    const m = seedModel();
    m.values['basic.personnel'] = Number(m.values['basic.personnel']) + 10;
    expect(flagsOf(m)).toContainEqual({ id: 'checksFailing', message: expect.stringMatching(/^还有 \d+ 项数据校验未通过/) });
  });
});
