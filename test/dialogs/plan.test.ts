import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answered, buildPlan, findItem, Plan, scopeOf } from '../../src/dialogs/plan.js';
import { gateId, initialState, refId, type DialogState, type FieldRef } from '../../src/dialogs/types.js';
import { groupFields } from '../../src/report/catalogue.js';
import { deepFreeze } from '../../src/report/deep-freeze.js';
import { ModelDraft } from '../../src/report/draft.js';
import type { FieldValue, GroupItem, ReportModel } from '../../src/report/model.js';
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

  const state: fc.Arbitrary<DialogState> = fc.record({
      queue: fc.subarray(refs, { maxLength: 3 }),
      skipped: fc.subarray(refs.map(refId)),
      gatesClosed: fc.subarray(gates),
      focus: fc.option(fc.constantFrom(...itemIds).map((itemId) => ({ itemId })), { nil: undefined }),
    }).map((s) => {
      const { focus, ...rest } = s;
      return { ...initialState(), ...rest, ...(focus ? { focus } : {}) };
    });

  /** What askNext used to test before dropping the focus: any unanswered question or open gate of the item. */
  const stillBySearch = (model: ReportModel, itemId: string, closed: string[]) =>
    buildPlan(model).some((e) => (e.kind === 'field' ? e.ref.itemId === itemId && !answered(model, e.ref) : e.parentId === itemId && !closed.includes(gateId(e.group, e.parentId))));

  it.each([
    ['a model that can still change', () => partial],
    ['a frozen model, its plan kept from an earlier turn', () => {
      const frozen = deepFreeze(structuredClone(partial));
      new Plan(frozen).next(initialState()); // fills the caches
      return frozen;
    }],
  ])('finds the same next question, position and answers as searching the plan (%s)', (_, make) => {
    const partial = make();
    const plan = new Plan(partial);
    let questions = 0;
    fc.assert(
      fc.property(state, (st) => {
        const expected = nextBySearch(partial, st);
        expect(plan.next(st)).toStrictEqual(expected);
        if (expected) questions++;
        if (st.focus) expect(plan.stillOpen(st.focus.itemId, st.gatesClosed)).toBe(stillBySearch(partial, st.focus.itemId, st.gatesClosed));
      }),
      { numRuns: 400 },
    );
    expect(questions).toBeGreaterThan(100);
    const fields = buildPlan(partial).filter((e) => e.kind === 'field');
    for (const [i, { ref }] of fields.entries()) {
      expect(plan.answered(ref)).toBe(answered(partial, ref));
      expect(plan.scope(ref)).toBe(scopeOf(partial, ref));
      expect(plan.position(ref)).toEqual({ n: i + 1, total: fields.length });
      expect(plan.position({ ...ref })).toEqual({ n: i + 1, total: fields.length }); // a reference from elsewhere (a stored step)
      expect(plan.field(ref)).toStrictEqual(fields[i]);
    }
    expect(plan.field({ key: 'unit.name', itemId: 'no-such-item' })).toBeUndefined();
    expect(plan.progress().reduce((s, p) => s + p.done, 0)).toBe(fields.filter((e) => answered(partial, e.ref)).length);
    expect(plan.progress().reduce((s, p) => s + p.done, 0)).toBeLessThan(fields.length);
  });

  it('keeps the questions of unchanged items across copy-on-write edits, and equals a plan built afresh', () => {
    const base = deepFreeze(seedModel());
    const specials = base.groups.special!;
    const rows = specials.flatMap((s) => s.children.specialIndicator ?? []);
    const pool = (items: GroupItem[], key: string): FieldValue[] => items.flatMap((i) => (i.values[key] !== undefined ? [i.values[key]!] : []));
    // an edit: set a field of a 专项 or an indicator row to a value some other one has (or clear it), add or remove one
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), row: fc.boolean(), n: fc.nat(), f: fc.nat(), v: fc.nat() }),
      fc.record({ kind: fc.constant('remove' as const), row: fc.boolean(), n: fc.nat() }),
      fc.record({ kind: fc.constant('add' as const), row: fc.boolean(), n: fc.nat() }),
    );
    let reusedAny = false;
    let nextAsked = false;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        let model = base;
        buildPlan(model);
        for (const [k, e] of edits.entries()) {
          const before = buildPlan(model);
          const prev = model;
          const draft = new ModelDraft(model);
          const list = e.row ? (model.groups.special ?? []).flatMap((s) => s.children.specialIndicator ?? []) : (model.groups.special ?? []);
          const target = list.length ? list[e.n % list.length]! : undefined;
          if (e.kind === 'set' && target) {
            const fields = groupFields(e.row ? 'specialIndicator' : 'special');
            const key = fields[e.f % fields.length]!.key;
            const values = pool(e.row ? rows : specials, key);
            const scope = draft.item(target.id)!.values;
            if (e.v % (values.length + 1) === values.length) delete scope[key];
            else scope[key] = values[e.v % (values.length + 1)]!;
          } else if (e.kind === 'remove' && target) draft.remove(target.id);
          else if (e.kind === 'add') {
            const parent = e.row ? model.groups.special?.[e.n % Math.max(1, model.groups.special.length)] : undefined;
            if (!e.row || parent) draft.add(e.row ? 'specialIndicator' : 'special', { id: `new-${k}`, values: {}, children: {} }, parent?.id);
          }
          model = deepFreeze(draft.model);
          const cached = buildPlan(model);
          expect(cached).toStrictEqual(buildPlan(structuredClone(model))); // a copy is not frozen: built afresh
          // with every gate closed the next question is the first unanswered one, wherever an edit cleared or filled it
          const closedAll = { ...initialState(), gatesClosed: cached.flatMap((x) => (x.kind === 'gate' ? [gateId(x.group, x.parentId)] : [])) };
          const next = new Plan(model).next(closedAll);
          expect(next).toStrictEqual(nextBySearch(model, closedAll));
          if (next) nextAsked = true;
          // a 专项 that is the same object at the same place keeps the very same entries
          (model.groups.special ?? []).forEach((item, i) => {
            if (prev.groups.special?.[i] !== item) return;
            const mine = (p: typeof cached) => p.filter((x) => x.kind === 'field' && x.ref.itemId === item.id);
            expect(mine(cached).length).toBeGreaterThan(0);
            expect(mine(cached).every((x, j) => x === mine(before)[j])).toBe(true);
            reusedAny = true;
          });
        }
      }),
      { numRuns: 150 },
    );
    expect(reusedAny).toBe(true);
    expect(nextAsked).toBe(true);
  });

  it('keeps the top-level questions while the top-level values are the same (frozen) object, and asks again after they change', () => {
    const base = deepFreeze(seedModel());
    const top = (p: ReturnType<typeof buildPlan>) => p.filter((e) => e.kind === 'field' && !e.ref.itemId);
    const first = top(buildPlan(base));
    // an answer inside a 专项: the top-level values are still the frozen object of the loaded model
    const inItem = new ModelDraft(base);
    inItem.item(base.groups.special![0]!.id)!.values['special.name'] = '改名';
    const again = top(buildPlan(deepFreeze(inItem.model)));
    expect(again.length).toBe(first.length);
    expect(again.every((e, i) => e === first[i])).toBe(true);
    // a top-level answer that opens conditional questions: a new values object, walked again
    const has = (p: ReturnType<typeof buildPlan>) => p.some((e) => e.kind === 'field' && e.ref.key === 'govFund.budget');
    const yes = new ModelDraft(base);
    yes.values()['govFund.has'] = true;
    const no = new ModelDraft(base);
    no.values()['govFund.has'] = false;
    expect(has(buildPlan(deepFreeze(yes.model)))).toBe(true);
    expect(has(buildPlan(deepFreeze(no.model)))).toBe(false);
    // and the turn's own copy, changed in place, is walked again every time
    const own = new ModelDraft(base);
    own.values()['govFund.has'] = false;
    expect(has(buildPlan(own.model))).toBe(false);
    own.values()['govFund.has'] = true;
    expect(has(buildPlan(own.model))).toBe(true);
  });

  it("an item that can still change (a turn's own copy) is walked again on every plan", () => {
    const model = structuredClone(seedModel());
    const item = model.groups.special![0]!;
    item.values['special.fundSplit'] = false;
    const asked = (p: ReturnType<typeof buildPlan>) => p.some((e) => e.kind === 'field' && e.ref.itemId === item.id && e.ref.key === 'special.budgetInitial.current');
    expect(asked(buildPlan(model))).toBe(false);
    item.values['special.fundSplit'] = true; // in place, as the engine writes its own copy
    expect(asked(buildPlan(model))).toBe(true);
  });
});

