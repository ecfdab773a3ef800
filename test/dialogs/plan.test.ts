import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answered, buildPlan, findItem, Plan, scopeOf } from '../../src/dialogs/plan.js';
import { gateId, initialState, refId, type DialogState, type FieldRef } from '../../src/dialogs/types.js';
import type { ReportModel } from '../../src/report/model.js';
import { seedModel } from '../helpers/rulesets.js';

/** The plain searches Plan replaces: scan the plan, look items up one by one. */
function nextBySearch(model: ReportModel, state: DialogState) {
  const plan = buildPlan(model);
  for (const q of state.queue) {
    const hit = plan.find((e) => e.kind === 'field' && refId(e.ref) === refId(q));
    if (hit) return { entry: hit, queued: true };
  }
  const open = (e: (typeof plan)[number]) =>
    e.kind === 'field' ? !answered(model, e.ref) && !state.skipped.includes(refId(e.ref)) : !state.gatesClosed.includes(gateId(e.group, e.parentId));
  if (state.focus) {
    const focusItem = findItem(model, state.focus.itemId);
    const mine = (e: (typeof plan)[number]) =>
      e.kind === 'field'
        ? e.ref.itemId === state.focus!.itemId || (focusItem !== undefined && (focusItem.children.specialIndicator ?? []).some((r) => r.id === e.ref.itemId))
        : e.parentId === state.focus!.itemId;
    const hit = plan.find((e) => mine(e) && open(e));
    if (hit) return { entry: hit, queued: false };
  }
  const hit = plan.find(open);
  return hit ? { entry: hit, queued: false } : undefined;
}

describe('Plan', () => {
  // A half-filled seed report: every third answer removed, so questions are open everywhere.
  const model = seedModel();
  const all = buildPlan(model);
  const refs: FieldRef[] = all.flatMap((e) => (e.kind === 'field' ? [e.ref] : []));
  const partial = structuredClone(model);
  refs.forEach((ref, i) => i % 3 === 0 && delete scopeOf(partial, ref)![ref.key]);
  const itemIds = [...new Set(refs.flatMap((r) => (r.itemId ? [r.itemId] : [])))];
  const gates = all.flatMap((e) => (e.kind === 'gate' ? [gateId(e.group, e.parentId)] : []));

  it('finds the same next question, position and answers as searching the plan', () => {
    const plan = new Plan(partial);
    const state: fc.Arbitrary<DialogState> = fc.record({
      queue: fc.subarray(refs, { maxLength: 3 }),
      skipped: fc.subarray(refs.map(refId)),
      gatesClosed: fc.subarray(gates),
      focus: fc.option(fc.constantFrom(...itemIds).map((itemId) => ({ itemId })), { nil: undefined }),
    }).map((s) => {
      const { focus, ...rest } = s;
      return { ...initialState(), ...rest, ...(focus ? { focus } : {}) };
    });
    let questions = 0;
    fc.assert(
      fc.property(state, (st) => {
        const expected = nextBySearch(partial, st);
        expect(plan.next(st)).toStrictEqual(expected);
        if (expected) questions++;
      }),
      { numRuns: 400 },
    );
    expect(questions).toBeGreaterThan(100);
    const fields = buildPlan(partial).filter((e) => e.kind === 'field');
    for (const [i, { ref }] of fields.entries()) {
      expect(plan.answered(ref)).toBe(answered(partial, ref));
      expect(plan.scope(ref)).toBe(scopeOf(partial, ref));
      expect(plan.position(ref)).toEqual({ n: i + 1, total: fields.length });
      expect(plan.field(ref)).toStrictEqual(fields[i]);
    }
    expect(plan.field({ key: 'unit.name', itemId: 'no-such-item' })).toBeUndefined();
    expect(plan.progress().reduce((s, p) => s + p.done, 0)).toBe(fields.filter((e) => answered(partial, e.ref)).length);
    expect(plan.progress().reduce((s, p) => s + p.done, 0)).toBeLessThan(fields.length);
  });
});
