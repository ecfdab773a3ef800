import { zh } from '../../messages/zh.js';
import { fixed2, plain } from '../../report/format.js';
import { items, labelOf, located, num, str, type MissingField } from '../../report/model.js';
import { achievement, qualitativeShare } from '../achievement.js';
import { collect, resolveInput } from '../inputs.js';
import type { InputUsed } from '../result.js';
import type { FallbackRuleSpec, RuleSpec } from '../ruleset-schema.js';
import { clampPoints, unresolved, type Outcome, type RuleContext } from './outcome.js';

type Of<T extends RuleSpec['type']> = Extract<RuleSpec, { type: T }>;
const M = zh.scoring;
const pct = (x: number) => `${fixed2(x * 100)}%`;

/** proportional: weight × min(value / target, 1). */
export function proportional(rule: Of<'proportional'>, ctx: RuleContext): Outcome {
  const r = resolveInput(rule.input, ctx.model.values);
  if (r.kind !== 'value') return unresolved(r, rule.zeroDenominator, ctx);
  const share = Math.min(Math.max(r.value, 0) / rule.target, 1);
  const points = clampPoints(ctx.weight * share, ctx.weight);
  const formula = `${r.text}；${M.proportional(r.show(r.value), r.show(rule.target), pct(share))}，得 ${fixed2(points)} 分`;
  return {
    status: 'scored',
    points,
    formula,
    inputs: r.inputs,
    ...(points < ctx.weight ? { reason: M.proportionalReason(ctx.name, r.show(r.value), r.show(rule.target)) } : {}),
  };
}

/** qualitative: the user picks 达成/部分达成/未达成 (and optionally a percentage inside its band). */
export function qualitative(rule: Of<'qualitative'>, ctx: RuleContext): Outcome {
  const values = ctx.model.values;
  const { inputs, missing } = collect(values, [rule.field]);
  if (missing.length) return { status: 'pending', missing, inputs };
  const level = str(values, rule.field)!;
  const percent = rule.percentField ? num(values, rule.percentField) : undefined;
  if (rule.percentField && percent !== undefined) inputs.push(...collect(values, [rule.percentField]).inputs);
  const q = qualitativeShare(ctx.ruleSet.qualitativeLevels, level, percent);
  if (!q) return { status: 'pending', missing: [{ key: rule.field, label: inputs[0]!.label }], inputs };
  const points = ctx.weight * q.share;
  return {
    status: 'scored',
    points,
    formula: M.qualitative(inputs[0]!.label, level, pct(q.share)),
    inputs,
    flags: q.flags,
    ...(points < ctx.weight ? { reason: M.qualitativeReason(inputs[0]!.label, level) } : {}),
  };
}

/**
 * targets: the mean achievement of the unit's annual targets of the given categories
 * (产出/效果 are measured against the unit's own 年度整体绩效目标, domain §5).
 */
export function targets(rule: Of<'targets'>, ctx: RuleContext, fallback: (r: FallbackRuleSpec, c: RuleContext) => Outcome): Outcome {
  const cats = rule.categories.join('、');
  const rows = items(ctx.model, 'target').filter((t) => rule.categories.includes(str(t.values, 'target.category') ?? ''));
  if (rows.length === 0) {
    if (rule.fallback) {
      const out = fallback(rule.fallback, ctx);
      return out.status === 'pending' ? out : { ...out, formula: `${M.noTargets(cats)}；${out.formula}` };
    }
    return { status: 'pending', missing: [{ key: 'target.category', label: M.missingTargets(cats) }], inputs: [] };
  }
  const missing: MissingField[] = [];
  const inputs: InputUsed[] = [];
  const lines: string[] = [];
  const flags: string[] = [];
  const short: string[] = [];
  let sum = 0;
  let weighted = 0;
  let weights = 0;
  rows.forEach((row, i) => {
    const name = str(row.values, 'target.name') ?? `${cats}目标${i + 1}`;
    const a = achievement(row.values, 'target', ctx.ruleSet, name);
    // weighted: each target's own 分值 (issue 27 item 4); a blank one is asked for, not taken as 0
    const w = rule.weighted ? num(row.values, 'target.weight') : 1;
    if (w === undefined) missing.push(located({ key: 'target.weight', label: labelOf('target.weight') }, `年度绩效目标「${name}」`));
    if (!a.ok) {
      missing.push(...a.missing.map((m) => located(m, `年度绩效目标「${name}」`)));
      return;
    }
    if (w === undefined) return;
    sum += a.share;
    weighted += w * a.share;
    weights += w;
    inputs.push(...a.inputs);
    flags.push(...a.flags);
    lines.push(M.targetLine(name, rule.weighted ? zh.weightedTargets.line(a.text, plain(w)) : a.text));
    if (a.share < 1) short.push(name);
  });
  if (missing.length) return { status: 'pending', missing, inputs };
  // all weights 0: nothing to weigh by, so every target counts the same
  const mean = rule.weighted && weights > 0 ? weighted / weights : sum / rows.length;
  const points = clampPoints(ctx.weight * mean, ctx.weight);
  const summary = rule.weighted ? zh.weightedTargets.summary(rows.length, pct(mean)) : M.targets(rows.length, pct(mean));
  return {
    status: 'scored',
    points,
    formula: `${lines.join('；')}；${summary}，得 ${plain(Number(points.toFixed(4)))} 分`,
    inputs,
    flags,
    ...(points < ctx.weight ? { reason: M.targetsReason(short) } : {}),
  };
}
