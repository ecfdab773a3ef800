import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findItem } from '../../src/dialogs/plan.js';
import { deepFreeze } from '../../src/report/deep-freeze.js';
import { ModelDraft } from '../../src/report/draft.js';
import type { GroupId } from '../../src/report/fields.js';
import type { GroupItem, ReportModel } from '../../src/report/model.js';
import { seedModel } from '../helpers/rulesets.js';

type Op = { kind: 'set'; target: number; key: string; value: number | null } | { kind: 'add'; group: GroupId; parent: number | null } | { kind: 'remove'; target: number };

/** Ids of every item of a model, top level first then rows, as findItem reaches them. */
const idsOf = (m: ReportModel) => Object.values(m.groups).flatMap((l) => (l ?? []).flatMap((i) => [i.id, ...Object.values(i.children).flatMap((r) => (r ?? []).map((x) => x.id))]));

/** The same edit done the plain way, on a model the test owns (the reference semantics). */
function plain(m: ReportModel, op: Op, newId: string): void {
  const ids = idsOf(m);
  if (op.kind === 'set') {
    const scope = op.target < 0 || !ids.length ? m.values : findItem(m, ids[op.target % ids.length]!)!.values;
    if (op.value === null) delete scope[op.key];
    else scope[op.key] = op.value;
  } else if (op.kind === 'add') {
    const item: GroupItem = { id: newId, values: {}, children: {} };
    const specials = m.groups.special ?? [];
    if (op.group === 'specialIndicator') {
      if (!specials.length || op.parent === null) return;
      const parent = specials[op.parent % specials.length]!;
      (parent.children.specialIndicator ??= []).push(item);
    } else (m.groups[op.group] ??= []).push(item);
  } else if (ids.length) {
    const id = ids[op.target % ids.length]!;
    for (const [g, list] of Object.entries(m.groups) as [GroupId, GroupItem[]][]) {
      if (list.some((i) => i.id === id)) {
        const rest = list.filter((i) => i.id !== id);
        if (rest.length) m.groups[g] = rest;
        else delete m.groups[g];
        return;
      }
      for (const item of list) {
        const rows = item.children.specialIndicator;
        if (rows?.some((r) => r.id === id)) {
          const rest = rows.filter((r) => r.id !== id);
          if (rest.length) item.children.specialIndicator = rest;
          else delete item.children.specialIndicator;
          return;
        }
      }
    }
  }
}

function drafted(d: ReportModel, draft: ModelDraft, op: Op, newId: string): void {
  const ids = idsOf(d);
  if (op.kind === 'set') {
    const scope = op.target < 0 || !ids.length ? draft.values() : draft.item(ids[op.target % ids.length]!)!.values;
    if (op.value === null) delete scope[op.key];
    else scope[op.key] = op.value;
  } else if (op.kind === 'add') {
    const item: GroupItem = { id: newId, values: {}, children: {} };
    const specials = d.groups.special ?? [];
    if (op.group === 'specialIndicator') {
      if (!specials.length || op.parent === null) return;
      expect(draft.add('specialIndicator', item, specials[op.parent % specials.length]!.id)).toBe(true);
    } else draft.add(op.group, item);
  } else if (ids.length) expect(draft.remove(ids[op.target % ids.length]!)).toBe(true);
}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), target: fc.integer({ min: -3, max: 40 }), key: fc.constantFrom('a', 'b', 'special.name', 'unit.name'), value: fc.option(fc.integer(), { nil: null }) }),
  fc.record({ kind: fc.constant('add' as const), group: fc.constantFrom<GroupId>('special', 'target', 'specialIndicator'), parent: fc.option(fc.nat(5), { nil: null }) }),
  fc.record({ kind: fc.constant('remove' as const), target: fc.nat(40) }),
);

describe('ModelDraft', () => {
  it('gives what editing a copy gives, never touches the base, and shares what it did not change', () => {
    const base = deepFreeze(seedModel());
    const snapshot = structuredClone(base);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const expected = structuredClone(base);
        const draft = new ModelDraft(base);
        ops.forEach((o, k) => {
          plain(expected, o, `new-${k}`);
          drafted(draft.model, draft, o, `new-${k}`);
        });
        expect(draft.model).toStrictEqual(expected);
        if (!ops.length) expect(draft.model).toBe(base); // nothing copied without a change
        // a second draft on the result shares all of it until it changes something
        expect(new ModelDraft(draft.model).model).toBe(draft.model);
      }),
      { numRuns: 300 },
    );
    expect(base).toStrictEqual(snapshot); // frozen: a change would have thrown anyway
  });

  it('one answer in one 专项 row copies only the path to it', () => {
    const base = deepFreeze(seedModel());
    const special = base.groups.special![1]!;
    const row = special.children.specialIndicator![0]!;
    const draft = new ModelDraft(base);
    draft.item(row.id)!.values['specialIndicator.actual'] = 99;
    const m = draft.model;
    expect(m.values).toBe(base.values);
    expect(m.groups.target).toBe(base.groups.target);
    expect(m.groups.special![0]).toBe(base.groups.special![0]);
    expect(m.groups.special![1]).not.toBe(special);
    expect(m.groups.special![1]!.values).not.toBe(special.values); // copied with its item, still equal
    expect(m.groups.special![1]!.values).toStrictEqual(special.values);
    expect(m.groups.special![1]!.children.specialIndicator![1]).toBe(special.children.specialIndicator![1]);
    expect(m.groups.special![1]!.children.specialIndicator![0]!.values['specialIndicator.actual']).toBe(99);
    expect(row.values['specialIndicator.actual']).not.toBe(99);
    // a second change on the same path copies nothing more
    const again = draft.item(row.id)!;
    expect(again).toBe(m.groups.special![1]!.children.specialIndicator![0]);
    expect(draft.item('no-such-item')).toBeUndefined();
    expect(draft.remove('no-such-item')).toBe(false);
    expect(draft.add('specialIndicator', { id: 'x', values: {}, children: {} }, 'no-such-item')).toBe(false);
  });
});
