import { zh } from '../../messages/zh.js';
import { num } from '../../report/model.js';
import { plain } from '../../report/format.js';
import { collect, resolveInput } from '../inputs.js';
import type { RuleSpec } from '../ruleset-schema.js';
import { asPrinted, clampPoints, countSteps, EPS, unresolved, type Outcome, type RuleContext } from './outcome.js';

type Of<T extends RuleSpec['type']> = Extract<RuleSpec, { type: T }>;
const M = zh.scoring;

/** cap_deduct and sign_threshold: full at or below the limit, minus `perPoint` per point above. */
export function deductAbove(rule: Of<'cap_deduct'> | Of<'sign_threshold'>, ctx: RuleContext): Outcome {
  const r = resolveInput(rule.input, ctx.model.values);
  if (r.kind !== 'value') return unresolved(r, rule.zeroDenominator, ctx);
  const limit = rule.type === 'cap_deduct' ? rule.cap : rule.threshold;
  const value = asPrinted(r.value);
  const steps = countSteps(value - limit, rule.partialPoints);
  if (value - limit <= EPS) {
    return { status: 'scored', points: ctx.weight, formula: `${r.text}；${M.capOk(r.show(value), r.show(limit))}`, inputs: r.inputs };
  }
  const deduct = Math.min(ctx.weight, steps * rule.perPoint);
  const points = clampPoints(ctx.weight - deduct, ctx.weight);
  const formula = `${r.text}；${M.capOver(r.show(r.value), r.show(limit), plain(steps), plain(rule.perPoint), plain(deduct))}`;
  return {
    status: 'scored',
    points,
    formula,
    inputs: r.inputs,
    ...(points < ctx.weight ? { reason: M.capReason(ctx.name, r.show(r.value), r.show(limit), plain(deduct)) } : {}),
  };
}

/** per_step: minus `perStep` for each full `step` below the target (99.27% of 100% scores full). */
export function perStep(rule: Of<'per_step'>, ctx: RuleContext): Outcome {
  const r = resolveInput(rule.input, ctx.model.values);
  if (r.kind !== 'value') return unresolved(r, rule.zeroDenominator, ctx);
  const shortfall = rule.target - asPrinted(r.value);
  const steps = shortfall <= EPS ? 0 : Math.floor(shortfall / rule.step + EPS);
  if (steps === 0) {
    return { status: 'scored', points: ctx.weight, formula: `${r.text}；${M.stepOk(r.show(r.value), r.show(rule.target), r.show(rule.step))}`, inputs: r.inputs };
  }
  const deduct = Math.min(ctx.weight, steps * rule.perStep);
  const formula = `${r.text}；${M.stepBelow(r.show(r.value), r.show(rule.target), plain(steps), r.show(rule.step), plain(rule.perStep), plain(deduct))}`;
  return { status: 'scored', points: ctx.weight - deduct, formula, inputs: r.inputs, reason: M.stepReason(ctx.name, r.show(r.value), plain(deduct)) };
}

/** per_occurrence: minus `perOccurrence` for each counted event, floor 0. */
export function perOccurrence(rule: Of<'per_occurrence'>, ctx: RuleContext): Outcome {
  const { inputs, missing } = collect(ctx.model.values, [rule.field]);
  const n = num(ctx.model.values, rule.field);
  if (missing.length || n === undefined) return { status: 'pending', missing: missing.length ? missing : [{ key: rule.field, label: inputs[0]!.label }], inputs };
  const deduct = Math.min(ctx.weight, n * rule.perOccurrence);
  const label = inputs[0]!.label;
  const formula = M.occurrence(label, inputs[0]!.text, plain(rule.perOccurrence), plain(deduct));
  return {
    status: 'scored',
    points: ctx.weight - deduct,
    formula,
    inputs,
    ...(deduct > 0 ? { reason: M.occurrenceReason(label, inputs[0]!.text, plain(deduct)) } : {}),
  };
}
