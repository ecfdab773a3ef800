import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneState, type DialogState, type FieldRef, type Step } from '../../src/dialogs/types.js';

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
    back: fc.array(ref, { maxLength: 50 }),
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
