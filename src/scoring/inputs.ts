import { zh } from '../messages/zh.js';
import { getField } from '../report/catalogue.js';
import { fixed2, plain } from '../report/format.js';
import { labelOf, type FieldValue, type MissingField } from '../report/model.js';
import type { InputUsed } from './result.js';
import { evaluateFormula, formulaFields, parseFormula, printFormula } from './formula.js';
import type { NumericInputSpec } from './ruleset-schema.js';

/** Print a field's value with its unit, the way the chat and the formulas show it. */
export function showValue(key: string, value: FieldValue): string {
  const f = getField(key);
  if (typeof value === 'boolean') return f?.yesNo ? (value ? f.yesNo[0] : f.yesNo[1]) : value ? '是' : '否';
  if (typeof value === 'string') return value;
  if (!f) return plain(value);
  switch (f.kind) {
    case 'money':
      return `${fixed2(value)}万元`;
    case 'percent':
      return `${fixed2(value)}%`;
    case 'area':
      return `${plain(value)}㎡`;
    default:
      return `${plain(value)}${f.unit && f.unit !== '文本' ? f.unit : ''}`;
  }
}

export function used(key: string, value: FieldValue): InputUsed {
  return { key, label: labelOf(key), value, text: showValue(key, value) };
}

/** Collect the named fields; report the missing ones instead of guessing 0. */
export function collect(
  values: Record<string, FieldValue>,
  keys: readonly string[],
): { inputs: InputUsed[]; missing: MissingField[] } {
  const inputs: InputUsed[] = [];
  const missing: MissingField[] = [];
  for (const key of keys) {
    const v = values[key];
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) missing.push({ key, label: labelOf(key) });
    else inputs.push(used(key, v));
  }
  return { inputs, missing };
}

export type Resolved =
  | {
      kind: 'value';
      value: number;
      inputs: InputUsed[];
      /** e.g. "实有人数 9人 ÷ 编制数 11人 = 81.82%". */
      text: string;
      /** Prints a threshold in the same unit as the value. */
      show: (n: number) => string;
    }
  | { kind: 'missing'; missing: MissingField[]; inputs: InputUsed[] }
  | { kind: 'zero'; numeratorZero: boolean; inputs: InputUsed[]; denominator: string };

const pct = (n: number) => `${fixed2(n)}%`;
const sumOf = (values: Record<string, FieldValue>, keys: readonly string[]) =>
  keys.reduce((s, k) => s + (values[k] as number), 0);
const names = (inputs: InputUsed[], keys: readonly string[]) =>
  keys.map((k) => inputs.find((i) => i.key === k)!).map((i) => `${i.label} ${i.text}`).join(' + ');

/** Evaluate a numeric input (ratio and change in percent, value in the field's own unit). */
export function resolveInput(spec: NumericInputSpec, values: Record<string, FieldValue>): Resolved {
  const formula = spec.kind === 'formula' ? parseFormula(spec.expr) : undefined;
  const keys =
    spec.kind === 'ratio'
      ? [...spec.numerator, ...spec.denominator]
      : spec.kind === 'change'
        ? [spec.current, spec.previous]
        : spec.kind === 'formula'
          ? formulaFields(formula!)
          : [spec.field];
  const { inputs, missing } = collect(values, keys);
  const wrong = inputs.filter((i) => typeof i.value !== 'number');
  if (missing.length || wrong.length) return { kind: 'missing', missing: [...missing, ...wrong.map((w) => ({ key: w.key, label: w.label }))], inputs };

  if (spec.kind === 'value') {
    const f = getField(spec.field);
    const value = values[spec.field] as number;
    const show = (n: number) => (f?.kind === 'percent' ? pct(n) : showValue(spec.field, n));
    return { kind: 'value', value, inputs, text: `${inputs[0]!.label} ${inputs[0]!.text}`, show };
  }
  if (spec.kind === 'formula') {
    const r = evaluateFormula(formula!, values);
    if (r.kind === 'zero') return { ...r, inputs };
    const shown = (key: string) => `${labelOf(key)} ${inputs.find((i) => i.key === key)!.text}`;
    const value = spec.as === 'value' ? r.value : r.value * 100;
    const show = spec.as === 'value' ? (n: number) => fixed2(n) : pct;
    return { kind: 'value', value, inputs, text: `${printFormula(formula!, shown)} = ${show(value)}`, show };
  }
  if (spec.kind === 'ratio') {
    const rawNum = sumOf(values, spec.numerator);
    const num = spec.absolute ? Math.abs(rawNum) : rawNum;
    const den = sumOf(values, spec.denominator);
    if (den === 0) return { kind: 'zero', numeratorZero: num === 0, inputs, denominator: spec.denominator.map(labelOf).join(' + ') };
    const value = (num / den) * 100;
    const numText = spec.absolute && rawNum < 0 ? `|${names(inputs, spec.numerator)}|` : names(inputs, spec.numerator);
    return { kind: 'value', value, inputs, text: zh.scoring.ratio(numText, names(inputs, spec.denominator), pct(value)), show: pct };
  }
  const cur = values[spec.current] as number;
  const prev = values[spec.previous] as number;
  if (prev === 0) return { kind: 'zero', numeratorZero: cur === 0, inputs, denominator: labelOf(spec.previous) };
  const value = ((cur - prev) / prev) * 100;
  return {
    kind: 'value',
    value,
    inputs,
    text: zh.scoring.change(`${inputs[0]!.label} ${inputs[0]!.text}`, `${inputs[1]!.label} ${inputs[1]!.text}`, pct(value)),
    show: pct,
  };
}
