import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, getField, groupFields, TOP_FIELDS } from '../../src/report/catalogue.js';
import type { FieldDef, GroupId } from '../../src/report/fields.js';
import type { FieldValue, GroupItem, ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { dependenciesOf, rescoreReport } from '../../src/scoring/incremental.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import type { RuleSet, RuleSpec } from '../../src/scoring/ruleset-schema.js';
import { flatRuleSet, seedModel } from '../helpers/rulesets.js';

const reference = loadRuleSet('yueyang-reference');

/** Rule types the reference set does not use (per_step, manual, a categorical comparing two fields, a targets fallback). */
const others: RuleSet = flatRuleSet([
  {
    id: 'steps',
    name: '预算完成率',
    weight: 20,
    rule: { type: 'per_step', input: { kind: 'ratio', numerator: ['budget.executed'], denominator: ['budget.full'] }, zeroDenominator: { points: 'full', reason: '无预算' }, target: 100, step: 5, perStep: 2 },
  },
  { id: 'manual', name: '人工评分', weight: 20, rule: { type: 'manual' } },
  {
    id: 'cat',
    name: '结余',
    weight: 20,
    rule: {
      type: 'categorical',
      field: 'budget.yearEndBalance',
      cases: [
        { label: '无结余', op: '=', value: 0, points: 20 },
        { label: '结余不超过上年结转', op: '<=', field: 'budget.carryoverPrior', points: 10 },
      ],
      otherwise: { label: '其他', points: 0 },
    },
  },
  {
    id: 'targets',
    name: '质量目标',
    weight: 40,
    rule: { type: 'targets', categories: ['质量指标'], fallback: { type: 'qualitative', field: 'effect.economicLevel', percentField: 'effect.satisfaction' } },
  },
]);

// --- random edits of a report ----------------------------------------------------------------

type Edit =
  | { kind: 'top'; key: string; value: FieldValue | null }
  | { kind: 'item'; group: GroupId; index: number; key: string; value: FieldValue | null }
  | { kind: 'row'; index: number; row: number; key: string; value: FieldValue | null }
  | { kind: 'add'; group: GroupId; copyOf: number }
  | { kind: 'delete'; group: GroupId; index: number };

const choicesOf = (fields: readonly FieldDef[]) => [...new Set(fields.flatMap((f) => [...(f.choices ?? []), ...(f.yesNo ?? [])]))];
const valueFor = (fields: readonly FieldDef[]): fc.Arbitrary<FieldValue | null> =>
  fc.oneof(
    fc.constant(null),
    fc.constant(0),
    fc.integer({ min: -5, max: 200 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.boolean(),
    fc.constantFrom(...choicesOf(fields), '', '达成', '部分达成', '未达成'),
    fc.string({ maxLength: 8 }),
  );

const scoredKeys = (rs: RuleSet) => rs.tree.flatMap((l1) => l1.children.flatMap((l2) => l2.indicators.flatMap((i) => dependenciesOf(i.rule).keys)));
const topKeys = [...new Set([...scoredKeys(reference), ...scoredKeys(others), ...TOP_FIELDS.map((f) => f.key)])];
const groups: GroupId[] = ['special', 'target', 'manualScore'];
const manualKeys = ['manualScore.indicatorId', 'manualScore.score', 'manualScore.reason'];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('top' as const), key: fc.constantFrom(...topKeys), value: valueFor(TOP_FIELDS) }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...groups).chain((group) =>
      fc.record({
        kind: fc.constant('item' as const),
        group: fc.constant(group),
        index: fc.nat(6),
        key: fc.constantFrom(...(group === 'manualScore' ? manualKeys : groupFields(group).map((f) => f.key))),
        value: group === 'manualScore' ? fc.oneof(fc.constantFrom<FieldValue | null>('manual', 'steps', null, '专家评议'), fc.integer({ min: -2, max: 30 })) : valueFor(groupFields(group)),
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('row' as const), index: fc.nat(4), row: fc.nat(6), key: fc.constantFrom(...groupFields('specialIndicator').map((f) => f.key)), value: valueFor(groupFields('specialIndicator')) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), group: fc.constantFrom(...groups), copyOf: fc.nat(6) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), group: fc.constantFrom(...groups), index: fc.nat(6) }) },
);

let nextId = 0;
const set = (scope: Record<string, FieldValue>, key: string, value: FieldValue | null) => (value === null ? delete scope[key] : (scope[key] = value));

/** A new model with the edit applied; `model` itself is left as it was (it is the "before"). */
function applyEdit(model: ReportModel, e: Edit): ReportModel {
  const next = structuredClone(model);
  const list = (g: GroupId) => (next.groups[g] ??= []);
  const pick = <T,>(xs: T[], i: number) => (xs.length ? xs[i % xs.length] : undefined);
  switch (e.kind) {
    case 'top':
      set(next.values, e.key, e.value);
      break;
    case 'item': {
      const item = pick(list(e.group), e.index);
      if (item) set(item.values, e.key, e.value);
      break;
    }
    case 'row': {
      const special = pick(list('special'), e.index);
      const row = special && pick(special.children.specialIndicator ?? [], e.row);
      if (row) set(row.values, e.key, e.value);
      break;
    }
    case 'add': {
      const from = pick(list(e.group), e.copyOf);
      const item: GroupItem = from ? { ...structuredClone(from), id: `new-${nextId++}` } : { id: `new-${nextId++}`, values: {}, children: {} };
      list(e.group).push(item);
      break;
    }
    case 'delete': {
      const items = list(e.group);
      if (items.length) items.splice(e.index % items.length, 1);
      break;
    }
  }
  return next;
}

/** The seed report, with a manual score row so manual rules have something to read. */
function startModel(): ReportModel {
  const m = seedModel();
  m.groups.manualScore = [{ id: 'ms-1', values: { 'manualScore.indicatorId': 'manual', 'manualScore.score': 12, 'manualScore.reason': '专家评议' }, children: {} }];
  return m;
}

describe('rescoreReport', () => {
  for (const [name, ruleSet] of [
    ['the reference rule set', reference],
    ['per_step, manual, categorical with a field, targets with a fallback', others],
  ] as const) {
    it(`equals a full score after any sequence of edits (${name})`, () => {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
          let model = startModel();
          let score = scoreReport(model, ruleSet);
          for (const e of edits) {
            const next = applyEdit(model, e);
            const incremental = rescoreReport({ model, score }, next, ruleSet);
            expect(incremental).toStrictEqual(scoreReport(next, ruleSet));
            model = next;
            score = incremental; // the next edit starts from the incremental result, as turns do
          }
        }),
        { numRuns: 120 },
      );
    }, 180_000);
  }

  it('keeps the result objects of indicators whose inputs did not change', () => {
    const model = startModel();
    const score = scoreReport(model, reference);
    const next = structuredClone(model);
    next.values['budget.initial'] = 999; // one field read by few indicators
    const again = rescoreReport({ model, score }, next, reference);
    const reused = again.indicators.filter((i, k) => i === score.indicators[k]);
    const readers = reference.tree.flatMap((l1) => l1.children.flatMap((l2) => l2.indicators)).filter((i) => dependenciesOf(i.rule).keys.includes('budget.initial'));
    expect(readers.length).toBeGreaterThan(0);
    expect(reused.length).toBe(score.indicators.length - readers.length);
    expect(again.projects).toBe(score.projects);
    // an unchanged model gives back every indicator as it was
    expect(rescoreReport({ model, score }, structuredClone(model), reference).indicators.every((i, k) => i === score.indicators[k])).toBe(true);
  });

  it('keeps each unchanged 专项, and the whole result when no indicator reads what changed', () => {
    const model = seedModel();
    const score = scoreReport(model, reference);
    const next = structuredClone(model);
    expect(next.groups.special!.length).toBeGreaterThan(1);
    next.groups.special![1]!.values['special.executed'] = 1;
    const again = rescoreReport({ model, score }, next, reference);
    expect(again.projects[0]).toBe(score.projects[0]);
    expect(again.projects[1]).not.toBe(score.projects[1]);
    expect(again).toStrictEqual(scoreReport(next, reference));

    const read = new Set(reference.tree.flatMap((l1) => l1.children.flatMap((l2) => l2.indicators.flatMap((i) => dependenciesOf(i.rule).keys))));
    const unread = TOP_FIELDS.find((f) => f.kind === 'text' && !read.has(f.key))!;
    const text = structuredClone(model);
    text.values[unread.key] = '另一段说明';
    expect(rescoreReport({ model, score }, text, reference)).toBe(score);
  });

  it('keeps the missing fields and flags when no indicator\'s own lists changed, and lists them again when one did', () => {
    const model = seedModel();
    const score = scoreReport(model, reference);
    const next = structuredClone(model);
    next.values['budget.initial'] = (next.values['budget.initial'] as number) + 1;
    const again = rescoreReport({ model, score }, next, reference);
    expect(again).not.toBe(score);
    expect(again.missing).toBe(score.missing);
    expect(again.flags).toBe(score.flags);
    expect(again).toStrictEqual(scoreReport(next, reference));

    const gap = structuredClone(model);
    delete gap.values['budget.initial'];
    const missing = rescoreReport({ model, score }, gap, reference);
    expect(missing.missing).not.toBe(score.missing);
    expect(missing.missing.map((m) => m.key)).toContain('budget.initial');
    expect(missing).toStrictEqual(scoreReport(gap, reference));
  });

  it('a change to a unit target re-scores only the target indicators of its category (and of its new one)', () => {
    const model = seedModel();
    const targetsOf = (m: ReportModel) => m.groups.target!;
    const category = (i: GroupItem) => i.values['target.category'] as string;
    const readers = (cat: string) =>
      reference.tree.flatMap((l1) => l1.children.flatMap((l2) => l2.indicators)).filter((i) => i.rule.type === 'targets' && i.rule.categories.includes(cat)).map((i) => i.id);
    const score = scoreReport(model, reference);
    const first = targetsOf(model)[0]!;
    const other = targetsOf(model).map(category).find((c) => c !== category(first) && readers(c).length > 0)!;
    expect(readers(category(first)).length).toBeGreaterThan(0);
    expect(other).toBeDefined();
    const kept = (next: ReportModel) => {
      const again = rescoreReport({ model, score }, next, reference);
      expect(again).toStrictEqual(scoreReport(next, reference));
      return new Set(again.indicators.filter((i, k) => i === score.indicators[k]).map((i) => i.id));
    };

    const actual = structuredClone(model);
    targetsOf(actual)[0]!.values['target.actual'] = 1;
    const keptActual = kept(actual);
    for (const id of readers(category(first))) expect(keptActual.has(id), id).toBe(false);
    for (const id of readers(other)) expect(keptActual.has(id), id).toBe(true);

    const moved = structuredClone(model);
    targetsOf(moved)[0]!.values['target.category'] = other;
    const keptMoved = kept(moved);
    for (const id of [...readers(category(first)), ...readers(other)]) expect(keptMoved.has(id), id).toBe(false);
  });

  it('within a changed 专项 keeps the unchanged indicator rows, but not when the project is renamed', () => {
    const model = seedModel();
    const rowsOf = (m: ReportModel) => m.groups.special![0]!.children.specialIndicator!;
    expect(rowsOf(model).length).toBeGreaterThan(2);
    delete rowsOf(model)[1]!.values['specialIndicator.actual']; // a row with a missing field names its project
    const score = scoreReport(model, reference);
    expect(score.projects[0]!.indicators[1]!.missing.length).toBeGreaterThan(0);

    const next = structuredClone(model);
    rowsOf(next)[0]!.values['specialIndicator.actual'] = 1;
    const again = rescoreReport({ model, score }, next, reference);
    expect(again).toStrictEqual(scoreReport(next, reference));
    expect(again.projects[0]!.indicators[0]).not.toBe(score.projects[0]!.indicators[0]);
    expect(again.projects[0]!.indicators.slice(1).every((r, j) => r === score.projects[0]!.indicators[j + 1])).toBe(true);

    const renamed = structuredClone(model);
    renamed.groups.special![0]!.values['special.name'] = '改名后的专项';
    const named = rescoreReport({ model, score }, renamed, reference);
    expect(named).toStrictEqual(scoreReport(renamed, reference));
    expect(named.projects[0]!.indicators[1]!.missing[0]!.where).toContain('改名后的专项');
  });

  it('scores in full under another rule set', () => {
    const model = startModel();
    const score = scoreReport(model, others);
    expect(rescoreReport({ model, score }, structuredClone(model), reference)).toStrictEqual(scoreReport(model, reference));
  });

  it('names every catalogue field a rule spec mentions as a dependency', () => {
    // A new rule type or rule field that reads a field without declaring it would make reuse wrong.
    const mentioned = (o: unknown): string[] =>
      typeof o === 'string' ? (getField(o) ? [o] : []) : o && typeof o === 'object' ? Object.values(o).flatMap(mentioned) : [];
    const rules: RuleSpec[] = [reference, others].flatMap((rs) => rs.tree.flatMap((l1) => l1.children.flatMap((l2) => l2.indicators.map((i) => i.rule))));
    for (const rule of rules) {
      const deps = dependenciesOf(rule);
      for (const key of mentioned(rule)) expect(deps.keys, `${rule.type} reads ${key}`).toContain(key);
    }
    expect(FIELDS.length).toBeGreaterThan(0);
  });
});
