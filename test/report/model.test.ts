import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupId } from '../../src/report/fields.js';
import { cloneModel, type GroupItem, type ReportModel } from '../../src/report/model.js';
import { seedModel } from '../helpers/rulesets.js';

const values = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.double(), fc.string({ maxLength: 6 }), fc.boolean()), { maxKeys: 6 });
const groupIds: GroupId[] = ['special', 'target', 'specialIndicator'];
/** Items nested up to `depth` levels (a 专项 with its indicator rows is two). */
const itemsOf = (depth: number): fc.Arbitrary<Partial<Record<GroupId, GroupItem[]>>> =>
  depth === 0
    ? fc.constant({})
    : (fc.dictionary(fc.constantFrom(...groupIds), fc.array(fc.record({ id: fc.uuid(), values, children: itemsOf(depth - 1) }), { maxLength: 3 }), { maxKeys: 3 }) as fc.Arbitrary<
        Partial<Record<GroupId, GroupItem[]>>
      >);
const model: fc.Arbitrary<ReportModel> = fc.record({
  ruleSetId: fc.string(),
  values,
  groups: itemsOf(3),
});

/** Every object reachable from `o`. */
function objects(o: unknown, out = new Set<object>()): Set<object> {
  if (o !== null && typeof o === 'object') {
    out.add(o);
    for (const v of Object.values(o)) objects(v, out);
  }
  return out;
}

describe('cloneModel', () => {
  it('equals structuredClone and shares no object with the original', () => {
    fc.assert(
      fc.property(model, (m) => {
        const copy = cloneModel(m);
        expect(copy).toStrictEqual(structuredClone(m));
        const mine = objects(m);
        for (const o of objects(copy)) expect(mine.has(o)).toBe(false);
      }),
    );
    const seed = seedModel();
    expect(cloneModel(seed)).toStrictEqual(seed);
  });

  it('a change to the copy leaves the original as it was', () => {
    const seed = seedModel();
    const before = structuredClone(seed);
    const copy = cloneModel(seed);
    copy.values['unit.name'] = '改过';
    copy.groups.special![0]!.values['x'] = 1;
    copy.groups.special![0]!.children.specialIndicator!.pop();
    copy.groups.target!.push({ id: 'new', values: {}, children: {} });
    expect(seed).toStrictEqual(before);
  });
});
