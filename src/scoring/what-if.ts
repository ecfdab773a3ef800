import { labelOf, type FieldValue, type ReportModel } from '../report/model.js';
import { scoreReport } from './engine.js';
import { showValue } from './inputs.js';
import { dependenciesOf, rescoreReport } from './incremental.js';
import type { IndicatorResult, ScoreResult } from './result.js';
import type { RuleSet } from './ruleset-schema.js';

/**
 * What-if (issue 27 item 6): the score the report would have with some top-level figures
 * changed, the indicators whose points change, and nothing stored. Pure: the model passed in is
 * never modified (the changed figures go into a copy of its values).
 */

/** A figure to try. `target`: derived from a rate to reach (what-if-target.ts), said with it. */
export interface WhatIfChange {
  key: string;
  value: FieldValue;
  /** `reached`: the rate the rounded figure gives (a count rounds to a whole number). */
  target?: { name: string; percent: number; basis: string[]; reached: number };
}

export interface ChangeShown extends WhatIfChange {
  label: string;
  before: FieldValue | undefined;
  /** For a rate: the figures it was derived from, as printed (「全年预算数 365.00万元」); '' when none. */
  basis: string;
}

export interface IndicatorDiff {
  id: string;
  name: string;
  weight: number;
  before: number | null;
  after: number | null;
  /** The indicator's result under the change (its formula and reason as printed). */
  now: IndicatorResult;
}

export interface WhatIfResult {
  changes: ChangeShown[];
  before: ScoreResult;
  after: ScoreResult;
  /** Indicators whose points (or pending state) change, in tree order. */
  diffs: IndicatorDiff[];
  /** Changed fields that no indicator of the rule set reads. */
  unread: string[];
}

const samePoints = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);

/** Keys any indicator of the rule set reads. */
function readKeys(ruleSet: RuleSet): Set<string> {
  const keys = new Set<string>();
  for (const l1 of ruleSet.tree) for (const l2 of l1.children) for (const ind of l2.indicators) for (const k of dependenciesOf(ind.rule).keys) keys.add(k);
  return keys;
}

/**
 * Score `model` with `changes` applied. `before`: the score of `model` as it is, when the caller
 * has it (the chat does); the changed score is then computed incrementally from it.
 */
export function whatIf(model: ReportModel, ruleSet: RuleSet, changes: readonly WhatIfChange[], before?: ScoreResult): WhatIfResult {
  const now = before ?? scoreReport(model, ruleSet);
  const values = { ...model.values };
  for (const c of changes) values[c.key] = c.value;
  const changed: ReportModel = { ...model, values };
  const after = rescoreReport({ model, score: now }, changed, ruleSet);
  const diffs: IndicatorDiff[] = [];
  after.indicators.forEach((a, i) => {
    const b = now.indicators[i]!;
    if (!samePoints(a.points, b.points) || a.status !== b.status) diffs.push({ id: a.id, name: a.name, weight: a.weight, before: b.points, after: a.points, now: a });
  });
  const read = readKeys(ruleSet);
  return {
    changes: changes.map((c) => ({
      ...c,
      label: labelOf(c.key),
      before: model.values[c.key],
      basis: (c.target?.basis ?? []).map((k) => `${labelOf(k)} ${showValue(k, values[k]!)}`).join('、'),
    })),
    before: now,
    after,
    diffs,
    unread: [...new Set(changes.map((c) => c.key))].filter((k) => !read.has(k)).map(labelOf),
  };
}
