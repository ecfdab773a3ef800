import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/report/checks.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

const projectGroups = loadRuleSet('yueyang-reference').projects.groups;
const check = (m: ReportModel) => runChecks(m, { projectGroups });

describe('consistency checks', () => {
  it('the seed dataset passes every check', () => {
    expect(check(seedModel())).toEqual([]);
  });

  const special = (m: ReportModel, i = 0) => m.groups.special![i]!;
  // [check id, how to break the seed, substrings the message must contain]
  const cases: [string, (m: ReportModel) => void, string[]][] = [
    ['basic.split', (m) => (m.values['basic.total'] = 175), ['人员经费 160.20 万元 + 公用经费 14.08 万元 = 174.28 万元', '基本支出合计 175.00 万元', '相差 0.72 万元']],
    ['budget.executedSplit', (m) => (m.values['budget.executed'] = 360), ['基本支出合计 174.28 万元 + 项目支出合计 188.28 万元 = 362.56 万元', '全年执行数 360.00 万元']],
    ['budget.overFull', (m) => (m.values['budget.full'] = 350), ['全年执行数 362.56 万元 大于全年预算数 350.00 万元', '超预算支出须说明原因']],
    ['staff.overAuthorized', (m) => (m.values['staff.actual'] = 12), ['实有人数 12 人 大于编制数 11 人', '超编']],
    ['budget.keyProjects', (m) => (m.values['budget.keyProjects'] = 200), ['重点项目支出 200.00 万元 大于项目支出合计 188.28 万元']],
    ['sanGong.total.actual', (m) => (m.values['sanGong.reception.actual'] = 0.7), ['公务接待（本年决算数） 0.70 万元', '= 1.90 万元', '三公经费（本年决算数） 1.85 万元']],
    ['sanGong.car.prior', (m) => (m.values['sanGong.carRunning.prior'] = 1.5), ['公车购置（上年决算数） 0.00 万元 + 公车运行维护（上年决算数） 1.50 万元', '公务用车购置和维护经费（上年决算数） 1.30 万元']],
    ['public.parts.budget', (m) => (m.values['public.office.budget'] = 10), ['其中项', '超过公用经费（本年预算数） 14.00 万元']],
    ['spend.project.actual', (m) => (m.values['spend.business.actual'] = 100), ['业务工作经费（本年决算数） 100.00 万元', '专项「法律援助办案补贴」（本年决算数） 52.36 万元', '项目支出（本年决算数） 188.28 万元']],
    ['building.area', (m) => Object.assign(m.values, { 'building.has': true, 'building.approvedArea': 1000, 'building.actualArea': 1200 }), ['实际规模 1200 ㎡ 大于批复规模 1000 ㎡']],
    ['building.invest', (m) => Object.assign(m.values, { 'building.has': true, 'building.budgetInvest': 100, 'building.actualInvest': 120 }), ['实际投资 120.00 万元 大于预算投资 100.00 万元']],
    ['asset.inUse', (m) => (m.values['asset.inUse'] = 90), ['在用固定资产 90.00 万元 大于固定资产总额 85.60 万元']],
    ['keyWork.done', (m) => (m.values['keyWork.done'] = 6), ['已办结重点工作数 6 项 大于交办重点工作数 5 项']],
    ['govFund.overBudget', (m) => Object.assign(m.values, { 'govFund.has': true, 'govFund.budget': 10, 'govFund.executed': 12 }), ['政府性基金执行数 12.00 万元 大于政府性基金预算数 10.00 万元']],
    ['special.legal-aid-subsidy.executed', (m) => (special(m).values['special.executed.current'] = 50), ['其中：当年财政拨款（全年执行数） 50.00 万元', '专项「法律援助办案补贴」全年执行数（B） 52.36 万元']],
    ['special.legal-aid-subsidy.overBudget', (m) => (special(m).values['special.budgetFull'] = 50), ['专项「法律援助办案补贴」全年执行数（B） 52.36 万元 大于专项「法律援助办案补贴」全年预算数（A） 50.00 万元']],
    ['special.publicity-training.weights.产出指标', (m) => (special(m, 1).children.specialIndicator![0]!.values['specialIndicator.weight'] = 25), ['专项「法律援助宣传及业务培训」：产出指标各指标分值合计 55，应为 50 分']],
    ['special.legal-aid-subsidy.level1.0', (m) => (special(m).children.specialIndicator![0]!.values['specialIndicator.level1'] = '过程指标'), ['第 1 个指标的一级指标「过程指标」不在评分规则的指标组中']],
  ];

  it.each(cases)('%s warns with both figures and labels, and never changes a figure', (id, breakIt, parts) => {
    const m = seedModel();
    breakIt(m);
    const before = structuredClone(m);
    const warnings = check(m);
    const w = warnings.find((x) => x.id === id);
    expect(w, JSON.stringify(warnings.map((x) => x.id))).toBeDefined();
    for (const p of parts) expect(w!.message).toContain(p);
    expect(w!.fields.length).toBeGreaterThan(0);
    expect(m).toEqual(before);
  });

  it('tolerates 0.01 万元 of rounding, but not more', () => {
    const m = seedModel();
    m.values['basic.total'] = 174.29;
    expect(check(m)).toEqual([]);
    m.values['basic.total'] = 174.3;
    // 174.30 breaks both sums it is part of: 人员+公用 and 基本+项目 = 执行数
    expect(check(m).map((w) => w.id)).toEqual(['basic.split', 'budget.executedSplit']);
  });

  it('a sum with its total and some parts blank says which parts to fill, instead of being skipped', () => {
    const m = seedModel();
    delete m.values['basic.personnel'];
    m.values['basic.total'] = 999;
    const w = check(m).find((x) => x.id === 'basic.split');
    expect(w?.message).toBe('基本支出合计已填，但其中 人员经费 未填，无法核对合计。请补填（没有的请填 0）。');
    expect(w?.fields).toEqual(['basic.total', 'basic.personnel', 'basic.public']);
  });

  it('a sum with no parts given yet, or no total, is not run', () => {
    const m = seedModel();
    delete m.values['basic.personnel'];
    delete m.values['basic.public'];
    expect(check(m).map((w) => w.id)).not.toContain('basic.split');
    const n = seedModel();
    delete n.values['basic.total'];
    delete n.values['basic.personnel'];
    expect(check(n).map((w) => w.id)).not.toContain('basic.split');
  });
});
