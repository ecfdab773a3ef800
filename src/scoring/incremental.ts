import type { GroupId } from '../report/fields.js';
import { childItems, items, str, type GroupItem, type ReportModel } from '../report/model.js';
import { assembleScore, scoreReport } from './engine.js';
import { formulaFields, parseFormula } from './formula.js';
import { scoreProject } from './projects.js';
import type { IndicatorResult, ProjectResult, ScoreResult } from './result.js';
import type { FallbackRuleSpec, NumericInputSpec, RuleSet, RuleSpec } from './ruleset-schema.js';

/**
 * Re-scoring after a chat turn. An answer changes one or two fields, yet scoring the whole tree
 * formats every indicator's formula and reason again. A rule reads only what its spec names
 * (top-level fields) and, for `manual`, one group's items, for `targets` the unit targets of its
 * categories; attachment 3 reads the 专项 group. So an indicator whose fields and items are
 * unchanged since the previous score keeps its previous result object, and
 * `rescoreReport(prev, model) ≡ scoreReport(model)` (a property test holds it to that).
 */

/** What a rule can read of the model. */
export interface Dependencies {
  /** Top-level fields. */
  keys: string[];
  /** Groups whose items it reads, every one of them. */
  groups: GroupId[];
  /** Groups of which it reads only the items whose `field` is one of `values`, in their order. */
  subsets: ItemSubset[];
}

export interface ItemSubset {
  group: GroupId;
  field: string;
  values: string[];
}

function inputKeys(input: NumericInputSpec): string[] {
  switch (input.kind) {
    case 'ratio':
      return [...input.numerator, ...input.denominator];
    case 'change':
      return [input.current, input.previous];
    case 'value':
      return [input.field];
    case 'formula':
      return formulaFields(parseFormula(input.expr));
  }
}

export function dependenciesOf(rule: RuleSpec | FallbackRuleSpec): Dependencies {
  switch (rule.type) {
    case 'cap_deduct':
    case 'sign_threshold':
    case 'bands':
    case 'per_step':
    case 'proportional':
      return fields(inputKeys(rule.input));
    case 'categorical':
      return fields([rule.field, ...rule.cases.flatMap((c) => (c.field ? [c.field] : []))]);
    case 'per_occurrence':
      return fields([rule.field]);
    case 'checklist':
      return fields(rule.items.map((i) => i.field));
    case 'qualitative':
      return fields(rule.percentField ? [rule.field, rule.percentField] : [rule.field]);
    case 'targets': {
      // the unit's targets of its categories only (rules/proportions.ts `targets`); the fallback
      // when there are none
      const fallback = rule.fallback ? dependenciesOf(rule.fallback) : fields([]);
      return { ...fallback, subsets: [{ group: 'target', field: 'target.category', values: rule.categories }, ...fallback.subsets] };
    }
    case 'not_applicable':
      return fields([]);
    case 'manual':
      return { keys: [], groups: ['manualScore'], subsets: [] };
  }
}

const fields = (keys: string[]): Dependencies => ({ keys, groups: [], subsets: [] });

/** Attachment 3 reads the 专项 items and their indicator rows (children, so inside 'special'). */
const PROJECT_GROUPS: GroupId[] = ['special'];

/** Each indicator of a rule set in tree order (the order of `ScoreResult.indicators`) with what it reads. */
const flatByRuleSet = new WeakMap<RuleSet, { id: string; deps: Dependencies }[]>();
function flatIndicators(ruleSet: RuleSet): { id: string; deps: Dependencies }[] {
  let flat = flatByRuleSet.get(ruleSet);
  if (!flat) {
    flat = [];
    for (const l1 of ruleSet.tree) for (const l2 of l1.children) for (const ind of l2.indicators) flat.push({ id: ind.id, deps: dependenciesOf(ind.rule) });
    flatByRuleSet.set(ruleSet, flat);
  }
  return flat;
}

function sameItems(a: GroupItem[] | undefined, b: GroupItem[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return (a?.length ?? 0) === 0 && (b?.length ?? 0) === 0;
  return a.every((x, i) => sameItem(x, b[i]!));
}

function sameItem(a: GroupItem, b: GroupItem): boolean {
  if (a === b) return true;
  if (a.id !== b.id || !sameValues(a.values, b.values)) return false;
  const groups = new Set([...Object.keys(a.children), ...Object.keys(b.children)]) as Set<GroupId>;
  for (const g of groups) if (!sameItems(a.children[g], b.children[g])) return false;
  return true;
}

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && Object.is(a[k], b[k]));
}

/**
 * The score of `model`, reusing what `prev` (the score of `prev.model` under the same rule set)
 * computed for indicators whose inputs did not change. Falls back to a full score when the rule
 * set differs.
 */
export function rescoreReport(prev: { model: ReportModel; score: ScoreResult }, model: ReportModel, ruleSet: RuleSet): ScoreResult {
  const { score } = prev;
  if (score.ruleSetId !== ruleSet.id || score.ruleSetVersion !== ruleSet.version || prev.model.ruleSetId !== model.ruleSetId) {
    return scoreReport(model, ruleSet);
  }
  const flat = flatIndicators(ruleSet);
  if (score.indicators.length !== flat.length) return scoreReport(model, ruleSet);
  const groupChanged = new Map<GroupId, boolean>();
  const changed = (g: GroupId) => {
    let c = groupChanged.get(g);
    if (c === undefined) groupChanged.set(g, (c = !sameItems(prev.model.groups[g], model.groups[g])));
    return c;
  };
  const subsetChanged = new Map<ItemSubset, boolean>();
  const subsetOf = (m: ReportModel, s: ItemSubset) => items(m, s.group).filter((i) => s.values.includes(str(i.values, s.field) ?? ''));
  const changedSubset = (s: ItemSubset) => {
    let c = subsetChanged.get(s);
    if (c === undefined) subsetChanged.set(s, (c = changed(s.group) && !sameItems(subsetOf(prev.model, s), subsetOf(model, s))));
    return c;
  };
  const before = prev.model.values;
  const now = model.values;
  const sameKeys = (keys: string[]) => before === now || keys.every((k) => Object.is(before[k], now[k]));
  // by place in tree order: the previous result when the indicator's inputs are unchanged
  const reused: (IndicatorResult | undefined)[] = [];
  let all = true;
  for (let k = 0; k < flat.length; k++) {
    const { id, deps } = flat[k]!;
    const old = score.indicators[k]!;
    const keep = old.id === id && sameKeys(deps.keys) && !deps.groups.some(changed) && !deps.subsets.some(changedSubset);
    reused.push(keep ? old : undefined);
    if (!keep) all = false;
  }
  const projects = PROJECT_GROUPS.some(changed) ? rescoreProjects(prev.model, score.projects, model, ruleSet) : score.projects;
  // Every indicator unchanged: totals, grade, missing fields and flags are the previous ones.
  if (all) return projects === score.projects ? score : { ...score, projects };
  return assembleScore(model, ruleSet, (_ind, k) => reused[k], projects, score);
}

/**
 * Attachment 3 again, keeping the result of each 专项 that is the same item at the same place,
 * and within a changed one each indicator row that is the same row at the same place under the
 * same project name (a row's result reads only its own values, its place and that name).
 */
function rescoreProjects(prevModel: ReportModel, prevProjects: ProjectResult[], model: ReportModel, ruleSet: RuleSet): ProjectResult[] {
  const before = items(prevModel, 'special');
  return items(model, 'special').map((item, i) => {
    const old = prevProjects[i];
    const was = before[i];
    if (!old || !was || old.id !== item.id) return scoreProject(item, i, ruleSet);
    if (sameItem(was, item)) return old;
    const rows = childItems(was, 'specialIndicator');
    return scoreProject(item, i, ruleSet, (row, j, name) => (name === old.name && rows[j] && sameItem(rows[j], row) ? old.indicators[j] : undefined));
  });
}
