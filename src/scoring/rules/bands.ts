import { zh } from '../../messages/zh.js';
import { plain } from '../../report/format.js';
import { labelOf, type FieldValue } from '../../report/model.js';
import { collect, resolveInput, showValue } from '../inputs.js';
import type { RuleSpec } from '../ruleset-schema.js';
import { asPrinted, clampPoints, EPS, unresolved, type Outcome, type RuleContext } from './outcome.js';

type Of<T extends RuleSpec['type']> = Extract<RuleSpec, { type: T }>;
const M = zh.scoring;

/** bands: the first band whose [min, max] (both inclusive) holds the value. */
export function bands(rule: Of<'bands'>, ctx: RuleContext): Outcome {
  const r = resolveInput(rule.input, ctx.model.values);
  if (r.kind !== 'value') return unresolved(r, rule.zeroDenominator, ctx);
  const v = asPrinted(r.value);
  const hit = rule.bands.find((b) => (b.min === undefined || v >= b.min - EPS) && (b.max === undefined || v <= b.max + EPS));
  const label = hit
    ? (hit.label ?? [hit.min !== undefined ? `≥${r.show(hit.min)}` : '', hit.max !== undefined ? `≤${r.show(hit.max)}` : ''].filter(Boolean).join(' 且 '))
    : M.bandOtherwise;
  const points = clampPoints(hit ? hit.points : rule.otherwise, ctx.weight);
  const formula = `${r.text}；${M.bandHit(r.show(v), label, plain(points))}`;
  return {
    status: 'scored',
    points,
    formula,
    inputs: r.inputs,
    ...(points < ctx.weight ? { reason: M.bandReason(ctx.name, r.show(v), label, plain(ctx.weight - points)) } : {}),
  };
}

function compare(a: FieldValue, op: string, b: FieldValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '=':
        return Math.abs(a - b) <= EPS;
      case '<':
        return a < b - EPS;
      case '<=':
        return a <= b + EPS;
      case '>':
        return a > b + EPS;
      default:
        return a >= b - EPS;
    }
  }
  return op === '=' && a === b;
}

/** categorical: the first case that holds; a case comparing with another field needs that field. */
export function categorical(rule: Of<'categorical'>, ctx: RuleContext): Outcome {
  const values = ctx.model.values;
  const own = collect(values, [rule.field]);
  if (own.missing.length) return { status: 'pending', missing: own.missing, inputs: own.inputs };
  const v = values[rule.field]!;
  const inputs = [...own.inputs];
  let chosen: { label: string; points: number } = rule.otherwise;
  for (const c of rule.cases) {
    let other: FieldValue;
    if (c.field !== undefined) {
      const o = collect(values, [c.field]);
      if (o.missing.length) return { status: 'pending', missing: o.missing, inputs };
      inputs.push(...o.inputs);
      other = values[c.field]!;
    } else other = c.value!;
    if (compare(v, c.op, other)) {
      chosen = c;
      break;
    }
  }
  const points = clampPoints(chosen.points, ctx.weight);
  const shown = `${labelOf(rule.field)} ${showValue(rule.field, v)}`;
  return {
    status: 'scored',
    points,
    formula: M.caseHit(shown, chosen.label, plain(points)),
    inputs,
    ...(points < ctx.weight ? { reason: M.caseReason(ctx.name, chosen.label, plain(ctx.weight - points)) } : {}),
  };
}
