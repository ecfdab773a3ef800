import { zh } from '../messages/zh.js';
import { runChecks } from '../report/checks.js';
import { controlKey } from '../report/catalogue.js';
import type { GroupId } from '../report/fields.js';
import { fixed2 } from '../report/format.js';
import { childItems, items, num, str, type GroupItem, type ReportModel } from '../report/model.js';
import { achievement } from '../scoring/achievement.js';
import type { ScoreResult } from '../scoring/result.js';
import type { RuleSet } from '../scoring/ruleset-schema.js';

/**
 * Reviewer's warnings (issue 28 item 4): what a finance reviewer would raise on a report, shown to
 * the unit before 生成报告 and to oversight in 汇总. They explain; they change nothing.
 */

export type FlagId = 'highScoreLowExecution' | 'targetsFullNoActuals' | 'projectLowExecution' | 'sanGongUp' | 'checksFailing';

export interface ReviewFlag {
  id: FlagId;
  message: string;
}

export const HIGH_SCORE = 90;
export const LOW_EXECUTION = 90;
export const PROJECT_LOW_EXECUTION = 60;
const EPS = 1e-9;
const F = zh.oversight.flags;
const pct = (x: number) => `${fixed2(x)}%`;

/** 预算执行率 = 全年执行数 ÷ 全年预算数, in percent; undefined while either is missing or the budget is 0. */
export function budgetExecutionRate(model: ReportModel): number | undefined {
  const full = num(model.values, 'budget.full');
  const executed = num(model.values, 'budget.executed');
  return full === undefined || executed === undefined || full <= 0 ? undefined : (executed / full) * 100;
}

/**
 * Every row scored full (its achievement share is 1) and none has an 实际完成值: the unit rated
 * its targets achieved without a single measured figure. `where`: the set's name, for the message.
 */
function fullWithoutActuals(rows: GroupItem[], group: GroupId, ruleSet: RuleSet, where: string): ReviewFlag[] {
  if (rows.length === 0) return [];
  const full = rows.every((r) => {
    const a = achievement(r.values, group, ruleSet, str(r.values, `${group}.name`) ?? '');
    return a.ok && a.share >= 1 - EPS;
  });
  const noActuals = rows.every((r) => num(r.values, `${group}.actual`) === undefined);
  return full && noActuals ? [{ id: 'targetsFullNoActuals', message: F.targetsFullNoActuals(where, rows.length) }] : [];
}

export function reviewFlags(model: ReportModel, score: ScoreResult, ruleSet: RuleSet): ReviewFlag[] {
  const out: ReviewFlag[] = [];
  const rate = budgetExecutionRate(model);
  if (score.total >= HIGH_SCORE - EPS && rate !== undefined && rate < LOW_EXECUTION - EPS) {
    out.push({ id: 'highScoreLowExecution', message: F.highScoreLowExecution(fixed2(score.total), pct(rate)) });
  }
  out.push(...fullWithoutActuals(items(model, 'target'), 'target', ruleSet, F.unitTargets));
  items(model, 'special').forEach((s, i) => {
    const name = str(s.values, 'special.name') ?? `${i + 1}`;
    out.push(...fullWithoutActuals(childItems(s, 'specialIndicator'), 'specialIndicator', ruleSet, F.projectTargets(name)));
  });
  for (const p of score.projects) {
    if (p.executionRate !== null && p.executionRate < PROJECT_LOW_EXECUTION - EPS) {
      out.push({ id: 'projectLowExecution', message: F.projectLowExecution(p.name, pct(p.executionRate)) });
    }
  }
  const prior = num(model.values, controlKey('sanGong.total', 'prior'));
  const actual = num(model.values, controlKey('sanGong.total', 'actual'));
  if (prior !== undefined && actual !== undefined && actual > prior + 0.005) {
    out.push({ id: 'sanGongUp', message: F.sanGongUp(fixed2(actual), fixed2(prior)) });
  }
  const failing = runChecks(model, { projectGroups: ruleSet.projects.groups });
  if (failing.length) out.push({ id: 'checksFailing', message: F.checksFailing(failing.length) });
  return out;
}

/**
 * The warnings shown to the unit in the review before 生成报告 (engine.ts review): the checks are
 * listed there one by one already, so they are not counted again here.
 */
export function reviewerLines(model: ReportModel, score: ScoreResult, ruleSet: RuleSet): string[] {
  const flags = reviewFlags(model, score, ruleSet).filter((f) => f.id !== 'checksFailing');
  return flags.length ? [F.head(flags.length), ...flags.map((f) => `- ${f.message}`)] : [];
}
