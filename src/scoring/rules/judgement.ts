import { zh } from '../../messages/zh.js';
import { plain } from '../../report/format.js';
import { bool, items, num, str } from '../../report/model.js';
import { collect, used } from '../inputs.js';
import type { RuleSpec } from '../ruleset-schema.js';
import type { Outcome, RuleContext } from './outcome.js';

type Of<T extends RuleSpec['type']> = Extract<RuleSpec, { type: T }>;
const M = zh.scoring;

/** checklist: each item met gives its points; while items are unanswered the bounds narrow. */
export function checklist(rule: Of<'checklist'>, ctx: RuleContext): Outcome {
  const values = ctx.model.values;
  const { inputs, missing } = collect(values, rule.items.map((i) => i.field));
  const label = (i: (typeof rule.items)[number]) => i.label ?? inputs.find((x) => x.key === i.field)?.label ?? i.field;
  const yes = rule.items.filter((i) => bool(values, i.field) === true);
  const no = rule.items.filter((i) => bool(values, i.field) === false);
  const got = yes.reduce((s, i) => s + i.points, 0);
  if (missing.length) {
    const open = rule.items.filter((i) => bool(values, i.field) === undefined).reduce((s, i) => s + i.points, 0);
    return { status: 'pending', missing, inputs, bounds: { min: got, max: got + open } };
  }
  return {
    status: 'scored',
    points: Math.min(got, ctx.weight),
    formula: `${M.checklist(yes.map(label), no.map(label))}，得 ${plain(got)} 分`,
    inputs,
    ...(no.length ? { reason: M.checklistReason(no.map(label)) } : {}),
  };
}

export function notApplicable(rule: Of<'not_applicable'>, ctx: RuleContext): Outcome {
  return { status: 'not_applicable', points: ctx.weight, formula: M.notApplicable(rule.reason), inputs: [] };
}

/** manual: a judgement item; the unit enters a score and a reason (manualScore group item). */
export function manual(_rule: Of<'manual'>, ctx: RuleContext): Outcome {
  const item = items(ctx.model, 'manualScore').find((i) => str(i.values, 'manualScore.indicatorId') === ctx.indicatorId);
  const score = item ? num(item.values, 'manualScore.score') : undefined;
  const reason = item ? str(item.values, 'manualScore.reason') : undefined;
  if (!item || score === undefined || reason === undefined) {
    return { status: 'pending', missing: [{ key: 'manualScore.score', label: M.manualMissing(ctx.name) }], inputs: [] };
  }
  const points = Math.min(Math.max(score, 0), ctx.weight);
  const flags = score > ctx.weight ? [M.manualOverWeight(plain(score), plain(ctx.weight))] : [];
  return {
    status: 'scored',
    points,
    formula: M.manual(plain(points), reason),
    inputs: [used('manualScore.score', score), used('manualScore.reason', reason)],
    flags,
    ...(points < ctx.weight ? { reason } : {}),
  };
}
