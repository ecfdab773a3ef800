import { loadDatasetFile } from '../../src/report/dataset.js';
import type { FieldValue, GroupItem, ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import type { IndicatorResult } from '../../src/scoring/result.js';
import { validateRuleSet } from '../../src/scoring/ruleset-loader.js';
import type { RuleSet } from '../../src/scoring/ruleset-schema.js';

export const SEED_FILE = new URL('../fixtures/yueyang-2024.yaml', import.meta.url).pathname;
export const seedModel = (): ReportModel => structuredClone(loadDatasetFile(SEED_FILE).model);

/** A valid rule-set document with the given tree (defaults filled in). */
export function ruleSetDoc(tree: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'test-rules',
    name: '测试规则集',
    version: 1,
    region: '测试',
    provenance: '单元测试',
    qualitativeLevels: [
      { label: '达成', min: 80, max: 100, default: 100 },
      { label: '部分达成', min: 60, max: 80, default: 70 },
      { label: '未达成', min: 0, max: 60, default: 30 },
    ],
    projects: { executionWeight: 10, groups: [{ level1: '产出指标', weight: 50 }, { level1: '效益指标', weight: 30 }, { level1: '满意度指标', weight: 10 }] },
    tree,
    ...extra,
  };
}

/** A valid rule set with these indicators under one 一级/二级 pair (their weights must add up to 100). */
export function flatRuleSet(indicators: { id: string; name: string; weight: number; rule: Record<string, unknown> }[]): RuleSet {
  return validateRuleSet(
    ruleSetDoc([
      {
        name: '一级',
        weight: 100,
        children: [{ name: '二级', weight: 100, indicators: indicators.map((i) => ({ ...i, criterion: '测试', provenance: '测试' })) }],
      },
    ]),
  );
}

/** A rule set holding one indicator of `weight` under test, padded to 100 with a filler. */
export function oneIndicator(rule: Record<string, unknown>, weight = 5): RuleSet {
  return flatRuleSet([
    { id: 'under-test', name: '被测指标', weight, rule },
    { id: 'filler', name: '补足', weight: 100 - weight, rule: { type: 'not_applicable', reason: '补足分值' } },
  ]);
}

export function modelOf(values: Record<string, FieldValue>, groups: ReportModel['groups'] = {}): ReportModel {
  return { ruleSetId: 'test-rules', values, groups };
}

export function target(values: Record<string, FieldValue>, id = 't'): GroupItem {
  return { id, values, children: {} };
}

/** Score the indicator under test. */
export function scoreOne(rule: Record<string, unknown>, values: Record<string, FieldValue>, groups: ReportModel['groups'] = {}, weight = 5): IndicatorResult {
  const result = scoreReport(modelOf(values, groups), oneIndicator(rule, weight));
  return result.indicators.find((i) => i.id === 'under-test')!;
}
