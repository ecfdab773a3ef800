import type { MissingField, ReportModel } from '../report/model.js';
import { gradeOf } from './grade.js';
import { scoreProjects } from './projects.js';
import type { IndicatorResult, Level1Result, ProjectResult, ScoreResult } from './result.js';
import type { FallbackRuleSpec, IndicatorSpec, RuleSet, RuleSpec } from './ruleset-schema.js';
import { bands, categorical } from './rules/bands.js';
import { deductAbove, perOccurrence, perStep } from './rules/deductions.js';
import { checklist, manual, notApplicable } from './rules/judgement.js';
import type { Outcome, RuleContext } from './rules/outcome.js';
import { proportional, qualitative, targets } from './rules/proportions.js';

function evaluate(rule: RuleSpec | FallbackRuleSpec, ctx: RuleContext): Outcome {
  switch (rule.type) {
    case 'cap_deduct':
    case 'sign_threshold':
      return deductAbove(rule, ctx);
    case 'bands':
      return bands(rule, ctx);
    case 'per_step':
      return perStep(rule, ctx);
    case 'categorical':
      return categorical(rule, ctx);
    case 'per_occurrence':
      return perOccurrence(rule, ctx);
    case 'checklist':
      return checklist(rule, ctx);
    case 'proportional':
      return proportional(rule, ctx);
    case 'targets':
      return targets(rule, ctx, evaluate);
    case 'qualitative':
      return qualitative(rule, ctx);
    case 'not_applicable':
      return notApplicable(rule, ctx);
    case 'manual':
      return manual(rule, ctx);
  }
}

function scoreIndicator(ind: IndicatorSpec, level1: string, level2: string, model: ReportModel, ruleSet: RuleSet): IndicatorResult {
  const out = evaluate(ind.rule, { model, ruleSet, indicatorId: ind.id, name: ind.name, weight: ind.weight });
  const pending = out.status === 'pending';
  const points = pending ? null : out.points;
  const certain = pending ? (out.bounds ?? { min: 0, max: ind.weight }) : { min: out.points, max: out.points };
  // One literal, every field in the same order for both outcomes: all results share one hidden
  // class. (`{ ...base, status, … }` adds properties to a spread copy, which V8 11 gives a map of
  // its own every time: slow to build, and every reader of the results goes megamorphic.)
  return {
    id: ind.id,
    level1,
    level2,
    name: ind.name,
    weight: ind.weight,
    criterion: ind.criterion,
    provenance: ind.provenance,
    ruleType: ind.rule.type,
    status: out.status,
    points,
    deduction: points === null ? 0 : ind.weight - points,
    formula: out.formula ?? '',
    reason: pending ? null : (out.reason ?? null),
    inputs: out.inputs,
    missing: pending ? out.missing : [],
    bounds: certain,
    flags: pending ? [] : (out.flags ?? []),
  };
}

function dedupe(missing: MissingField[]): MissingField[] {
  const seen = new Set<string>();
  return missing.filter((m) => {
    const k = `${m.where ?? ''}\u0000${m.key}\u0000${m.label}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/**
 * Score a report against a rule set. Pure: the same model and rule set always give the same
 * result. With partial data the result is provisional: `total` is what is certain,
 * `maxReachable` what is still possible, `missing` what to fill in (by label).
 */
export function scoreReport(model: ReportModel, ruleSet: RuleSet): ScoreResult {
  return assembleScore(model, ruleSet);
}

/**
 * Build the result tree. `reuse` may hand back an indicator's result known to be what
 * `scoreIndicator` would give now (see incremental.ts; `index` is its place in tree order);
 * `projects` likewise for attachment 3. Totals are always recomputed from the indicators;
 * missing fields and flags are `previous`'s when every indicator's own lists are.
 */
export function assembleScore(
  model: ReportModel,
  ruleSet: RuleSet,
  reuse?: (ind: IndicatorSpec, index: number) => IndicatorResult | undefined,
  projects?: ProjectResult[],
  previous?: ScoreResult,
): ScoreResult {
  const indicators: IndicatorResult[] = [];
  const level1: Level1Result[] = ruleSet.tree.map((l1) => {
    const children = l1.children.map((l2) => {
      const inds = l2.indicators.map((ind) => {
        const result = reuse?.(ind, indicators.length) ?? scoreIndicator(ind, l1.name, l2.name, model, ruleSet);
        indicators.push(result);
        return result;
      });
      return {
        name: l2.name,
        weight: l2.weight,
        points: inds.reduce((s, i) => s + i.bounds.min, 0),
        maxReachable: inds.reduce((s, i) => s + i.bounds.max, 0),
        indicators: inds,
      };
    });
    return {
      name: l1.name,
      weight: l1.weight,
      points: children.reduce((s, c) => s + c.points, 0),
      maxReachable: children.reduce((s, c) => s + c.maxReachable, 0),
      children,
    };
  });
  const total = level1.reduce((s, l) => s + l.points, 0);
  // Missing fields and flags follow from the indicators' own lists, in order: when each list is
  // the previous result's (or both are empty), so are they.
  const same = (k: 'missing' | 'flags') =>
    previous !== undefined &&
    previous.indicators.length === indicators.length &&
    indicators.every((i, n) => {
      const before = previous.indicators[n]![k];
      return i[k] === before || (i[k].length === 0 && before.length === 0);
    });
  const missing = same('missing') ? previous!.missing : dedupe(indicators.flatMap((i) => i.missing));
  return {
    ruleSetId: ruleSet.id,
    ruleSetName: ruleSet.name,
    ruleSetVersion: ruleSet.version,
    indicators,
    level1,
    total,
    maxReachable: level1.reduce((s, l) => s + l.maxReachable, 0),
    complete: indicators.every((i) => i.status !== 'pending'),
    outOf: ruleSet.total,
    // Grade lines are on a 100-point scale; a rule set scoring a part grades its share of its total.
    grade: gradeOf(ruleSet.total === 100 ? total : (total * 100) / ruleSet.total, ruleSet.grades),
    missing,
    flags: same('flags') ? previous!.flags : [...new Set(indicators.flatMap((i) => i.flags))],
    projects: projects ?? scoreProjects(model, ruleSet),
  };
}
