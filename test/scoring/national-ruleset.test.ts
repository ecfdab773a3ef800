import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet, RULESET_DIR } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

/**
 * Issue 27 item 7: the national 部门整体支出绩效评价共性指标体系框架 (财预〔2013〕53号 附件3) ships as
 * a rule set. The framework sets no weights and no scoring standards: every indicator must say
 * which part is the framework's (〔框架〕) and which is a placeholder or borrowed (〔占位〕/〔借用…〕).
 */
const rs = loadRuleSet('national-2013-framework');
const indicators = rs.tree.flatMap((l1) => l1.children.flatMap((l2) => l2.indicators));

describe('national-2013-framework', () => {
  it('has the framework tree: 投入/过程/产出/效果 and the 二级 of the framework, adding up to 100', () => {
    expect(rs.tree.map((l) => l.name)).toEqual(['投入', '过程', '产出', '效果']);
    expect(rs.tree.flatMap((l) => l.children.map((c) => c.name))).toEqual(['目标设定', '预算配置', '预算执行', '预算管理', '资产管理', '职责履行', '履职效益']);
    expect(rs.total).toBe(100);
    expect(indicators.map((i) => i.name)).toContain('预算完成率');
    expect(indicators.map((i) => i.name)).toContain('结转结余变动率');
  });

  it('marks, in every indicator, the framework’s definition and the placeholder or borrowed standard', () => {
    for (const i of indicators) {
      expect(i.criterion, i.name).toMatch(/^〔框架〕/);
      expect(i.criterion, i.name).toMatch(/〔占位〕|〔借用岳阳样表/);
      expect(i.provenance, i.name).toContain('财预〔2013〕53号附件3');
    }
    const text = readFileSync(`${RULESET_DIR}/national-2013-framework.yaml`, 'utf8');
    expect(text).toContain('The framework gives indicators and definitions only');
    expect(rs.name).toContain('分值为占位值');
  });

  it('scores the seed: everything but the two judgements of 目标设定, which wait for a hand score', () => {
    const score = scoreReport(seedModel(), rs);
    expect(score.complete).toBe(false);
    expect(score.total.toFixed(2)).toBe('93.76');
    expect(score.maxReachable.toFixed(2)).toBe('98.76');
    expect(score.indicators.filter((i) => i.status === 'pending').map((i) => i.name)).toEqual(['绩效目标合理性', '绩效指标明确性']);
  });

  it('with the hand scores entered it is complete', () => {
    const model: ReportModel = seedModel();
    const item = (id: string, score: number) => ({ id, values: { 'manualScore.indicatorId': id, 'manualScore.score': score, 'manualScore.reason': '测试' }, children: {} });
    model.groups.manualScore = [item('goal-reasonable', 2), item('indicator-clear', 2.5)];
    const score = scoreReport(model, rs);
    expect(score.complete).toBe(true);
    expect(score.total.toFixed(2)).toBe('98.26');
  });
});
