import type { MissingField, ReportModel } from '../../report/model.js';
import type { InputUsed } from '../result.js';
import type { RuleSet, ZeroDenominatorRule } from '../ruleset-schema.js';
import type { Resolved } from '../inputs.js';
import { zh } from '../../messages/zh.js';
import { roundTo } from '../../report/format.js';

/** What an evaluator says about one indicator. */
export type Outcome =
  | { status: 'scored' | 'not_applicable'; points: number; formula: string; reason?: string; inputs: InputUsed[]; flags?: string[] }
  | { status: 'pending'; missing: MissingField[]; inputs: InputUsed[]; bounds?: { min: number; max: number }; formula?: string };

export interface RuleContext {
  model: ReportModel;
  ruleSet: RuleSet;
  indicatorId: string;
  name: string;
  weight: number;
}

export const EPS = 1e-9;

/**
 * The value a band or threshold compares: rounded to two decimals as it is printed, so a figure
 * shown as 10.00% scores as 10.00% does (docs/rulesets.md). Proportions keep full precision.
 */
export const asPrinted = (value: number): number => roundTo(value, 2);

/** Clamp to [0, weight]: deductions stop at 0 (扣完为止) and no rule gives more than the weight. */
export function clampPoints(points: number, weight: number): number {
  return Math.min(weight, Math.max(0, points));
}

/** "每超过一个百分点": whole points by default, partial points when the rule says so. */
export function countSteps(excess: number, partial: boolean | undefined): number {
  if (excess <= EPS) return 0;
  return partial ? excess : Math.floor(excess + EPS);
}

/** Outcome of a non-value input: missing fields, or the rule's explicit zero-denominator policy. */
export function unresolved(
  r: Exclude<Resolved, { kind: 'value' }>,
  policy: ZeroDenominatorRule | undefined,
  ctx: RuleContext,
): Outcome {
  if (r.kind === 'missing') return { status: 'pending', missing: r.missing, inputs: r.inputs };
  // The loader refuses ratio/change inputs without a policy; this guards hand-built rule sets.
  const p = (r.numeratorZero && policy?.ifNumeratorZero) || policy || { points: 0, reason: '分母为 0，无法计算' };
  const points = p.points === 'full' ? ctx.weight : clampPoints(p.points, ctx.weight);
  const formula = zh.scoring.zeroDenominator(r.denominator, p.reason);
  return {
    status: p.points === 'full' ? 'not_applicable' : 'scored',
    points,
    formula,
    inputs: r.inputs,
    ...(points < ctx.weight ? { reason: formula } : {}),
  };
}
