import { getField } from '../report/catalogue.js';
import { roundTo } from '../report/format.js';
import { labelOf, type FieldValue } from '../report/model.js';
import type { FallbackRuleSpec, NumericInputSpec, RuleSet, RuleSpec } from './ruleset-schema.js';
import type { WhatIfChange } from './what-if.js';

/**
 * 「执行率到95%」: the figure that gives a rate. The rate is an indicator of the rule set named
 * so, or the report's 预算执行率 (全年执行数 ÷ 全年预算数, as attachment 1 prints it). The figure
 * changed is the rate's numerator (its first field, the others kept), derived from the
 * denominator as it is filled in; for a change rate the current figure from the previous one;
 * for a percent field the field itself.
 */

export type TargetProblem =
  | { code: 'WHATIF_UNKNOWN_RATE'; name: string }
  | { code: 'WHATIF_AMBIGUOUS_RATE'; name: string; names: string[] }
  | { code: 'WHATIF_NOT_A_RATE'; name: string }
  | { code: 'WHATIF_FORMULA_RATE'; name: string }
  | { code: 'WHATIF_RATE_INPUTS_MISSING'; name: string; labels: string[] }
  | { code: 'WHATIF_RATE_ZERO_BASE'; name: string; label: string }
  | { code: 'WHATIF_RATE_UNREACHABLE'; name: string };

export interface Rate {
  name: string;
  input: NumericInputSpec | undefined;
}

/** The report's own 预算执行率 (attachment 1's 执行率 column), for names no indicator has. */
export const BUDGET_EXECUTION: Rate = {
  name: '预算执行率',
  input: { kind: 'ratio', numerator: ['budget.executed'], denominator: ['budget.full'] },
};
const BUDGET_EXECUTION_NAMES = ['执行率', '预算执行率'];

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\u3000()（）【】\[\]「」“”"'‘’]/g, '')
    .toLowerCase();

function inputOf(rule: RuleSpec | FallbackRuleSpec): NumericInputSpec | undefined {
  if ('input' in rule) return rule.input;
  if (rule.type === 'targets' && rule.fallback) return inputOf(rule.fallback);
  return undefined;
}

/**
 * The rate a person names: an indicator of that exact name, else the report's 预算执行率 for
 * 执行率/预算执行率, else the one indicator whose name contains the words.
 */
export function findRate(name: string, ruleSet: RuleSet): Rate | TargetProblem {
  const s = norm(name);
  const all = ruleSet.tree.flatMap((l1) => l1.children.flatMap((l2) => l2.indicators));
  const exact = all.find((i) => norm(i.name) === s);
  if (exact) return { name: exact.name, input: inputOf(exact.rule) };
  if (BUDGET_EXECUTION_NAMES.includes(s)) return BUDGET_EXECUTION;
  const within = s.length >= 2 ? all.filter((i) => norm(i.name).includes(s)) : [];
  if (within.length === 1) return { name: within[0]!.name, input: inputOf(within[0]!.rule) };
  if (within.length > 1) return { code: 'WHATIF_AMBIGUOUS_RATE', name, names: within.map((i) => i.name) };
  return { code: 'WHATIF_UNKNOWN_RATE', name };
}

const sum = (values: Record<string, FieldValue>, keys: readonly string[]) => keys.reduce((t, k) => t + (values[k] as number), 0);

/** A money figure to the cent, a count to a whole number. */
function rounded(key: string, x: number): number {
  return getField(key)?.kind === 'integer' ? Math.round(x) : roundTo(x, 2);
}

/** The change that makes `rate` come out at `percent` (0–100 scale) with the other figures as filled in. */
export function solveRate(rate: Rate, percent: number, values: Record<string, FieldValue>): WhatIfChange | TargetProblem {
  const { input, name } = rate;
  if (!input) return { code: 'WHATIF_NOT_A_RATE', name };
  const missingOf = (keys: readonly string[]) => keys.filter((k) => typeof values[k] !== 'number').map(labelOf);
  /** `rate`: the rate a figure gives, to say what the rounded figure reaches. */
  const target = (key: string, value: number, basis: string[], rate: (v: number) => number): WhatIfChange | TargetProblem => {
    if (value < 0) return { code: 'WHATIF_RATE_UNREACHABLE', name };
    const v = rounded(key, value);
    return { key, value: v, target: { name, percent, basis, reached: rate(v) } };
  };
  switch (input.kind) {
    case 'formula':
      return { code: 'WHATIF_FORMULA_RATE', name };
    case 'value':
      return getField(input.field)?.kind === 'percent'
        ? { key: input.field, value: percent, target: { name, percent, basis: [], reached: percent } }
        : { code: 'WHATIF_NOT_A_RATE', name };
    case 'change': {
      const missing = missingOf([input.previous]);
      if (missing.length) return { code: 'WHATIF_RATE_INPUTS_MISSING', name, labels: missing };
      const prev = values[input.previous] as number;
      if (prev === 0) return { code: 'WHATIF_RATE_ZERO_BASE', name, label: labelOf(input.previous) };
      return target(input.current, prev * (1 + percent / 100), [input.previous], (v) => ((v - prev) / prev) * 100);
    }
    case 'ratio': {
      const [key, ...others] = input.numerator;
      const known = [...others, ...input.denominator];
      const missing = missingOf(known);
      if (missing.length) return { code: 'WHATIF_RATE_INPUTS_MISSING', name, labels: missing };
      const den = sum(values, input.denominator);
      if (den === 0) return { code: 'WHATIF_RATE_ZERO_BASE', name, label: input.denominator.map(labelOf).join(' + ') };
      const rest = sum(values, others);
      return target(key!, (percent / 100) * den - rest, known, (v) => ((v + rest) / den) * 100);
    }
  }
}
