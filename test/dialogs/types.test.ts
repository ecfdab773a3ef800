import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneState, initialState, parseRefId, refId, stateOf, type DialogState, type FieldRef, type Step } from '../../src/dialogs/types.js';

const ref: fc.Arbitrary<FieldRef> = fc.record({ key: fc.string(), itemId: fc.string() }, { requiredKeys: ['key'] });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'start' as const }),
  fc.record({ kind: fc.constant('unitRank' as const), name: fc.string() }),
  fc.record({ kind: fc.constant('field' as const), ref, edit: fc.boolean() }, { requiredKeys: ['kind', 'ref'] }),
  fc.record({ kind: fc.constant('gate' as const), group: fc.constantFrom('special' as const, 'target' as const), parentId: fc.string() }, { requiredKeys: ['kind', 'group'] }),
  fc.record({ kind: fc.constant('confirmDelete' as const), group: fc.constant('target' as const), itemId: fc.string() }),
  fc.constant({ kind: 'done' as const }),
);
const state: fc.Arbitrary<DialogState> = fc.record(
  {
    v: fc.constant(1 as const),
    step,
    unitId: fc.string(),
    reportId: fc.string(),
    failures: fc.nat(),
    back: fc.array(ref.map(refId), { maxLength: 50 }),
    queue: fc.array(ref, { maxLength: 5 }),
    focus: fc.record({ itemId: fc.string() }),
    skipped: fc.array(fc.string()),
    gatesClosed: fc.array(fc.string()),
  },
  { requiredKeys: ['v', 'step', 'failures', 'back', 'queue', 'skipped', 'gatesClosed'] },
);

/** Every object reachable from `o`. */
function objects(o: unknown, out = new Set<object>()): Set<object> {
  if (o !== null && typeof o === 'object') {
    out.add(o);
    for (const v of Object.values(o)) objects(v, out);
  }
  return out;
}

describe('cloneState', () => {
  it('equals structuredClone and shares no object with the original', () => {
    fc.assert(
      fc.property(state, (s) => {
        const copy = cloneState(s);
        expect(copy).toStrictEqual(structuredClone(s));
        const mine = objects(s);
        for (const o of objects(copy)) expect(mine.has(o)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

// field keys never hold `@` (catalogue keys) and item ids are uuids
const catalogueRef: fc.Arbitrary<FieldRef> = fc.record(
  { key: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9.]{0,30}$/), itemId: fc.uuid() },
  { requiredKeys: ['key'] },
);

describe('parseRefId', () => {
  it('gives back the ref a refId was made of', () => {
    fc.assert(fc.property(catalogueRef, (r) => {
        expect(parseRefId(refId(r))).toStrictEqual({ ...r });
      }));
  });
});

describe('stateOf', () => {
  it('gives the initial state when nothing is stored', () => {
    expect(stateOf(undefined)).toStrictEqual(initialState());
    expect(stateOf(null)).toStrictEqual(initialState());
  });

  it('keeps a current state as it is (same object)', () => {
    fc.assert(fc.property(state, (s) => {
        expect(stateOf(s)).toBe(s);
      }));
  });

  it('converts a state stored before 上一步 held refIds: same questions, same order', () => {
    const old = { ...initialState(), back: [{ key: 'basic.total' }, { key: 'specialIndicator.name', itemId: 'e64668d3-91d4-4e5a-ab25-d1fc3f5dfd64' }] };
    expect(stateOf(JSON.parse(JSON.stringify(old))).back).toStrictEqual(['basic.total@', 'specialIndicator.name@e64668d3-91d4-4e5a-ab25-d1fc3f5dfd64']);
  });

  it('a state with no 上一步 list at all gets an empty one', () => {
    const { back: _none, ...rest } = initialState();
    expect(stateOf(rest).back).toStrictEqual([]);
  });
});
