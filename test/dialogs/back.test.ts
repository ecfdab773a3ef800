import { describe, expect, it } from 'vitest';
import { wantsHistory } from '../../src/dialogs/back.js';
import { handle } from '../../src/dialogs/engine.js';
import { initialState, type DialogState, type Snapshot } from '../../src/dialogs/types.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

/** 上一步 from the stored step history in the snapshot (dialogs/back.ts); pure, no store. */
const ruleSet = loadRuleSet('yueyang-reference');
const deps = { newId: () => 'x' };
const history = ['unit.nature@', 'staff.actual@', 'specialIndicator.target@legal-aid-subsidy/specialIndicator-2', 'basic.total@'].map((ref, i) => ({ id: 10 + i, ref }));
const snap = (h = history): Snapshot => ({
  userId: 'u1',
  memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role: 'filler' }],
  report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model: seedModel() },
  ruleSet,
  today: { year: 2025 },
  buttons: false,
  history: h,
});
const at = (extra: Partial<DialogState> = {}): DialogState => ({ ...initialState(), reportId: 'r1', step: { kind: 'field', ref: { key: 'basic.personnel' } }, ...extra });
const asked = (s: DialogState) => (s.step.kind === 'field' ? `${s.step.ref.key}@${s.step.ref.itemId ?? ''}` : s.step.kind);

describe('上一步 (stored history)', () => {
  it('is recognised before the turn, so the runner loads the history only then', () => {
    expect(wantsHistory('上一步')).toBe(true);
    expect(wantsHistory('返回。')).toBe(true);
    expect(wantsHistory('160.2')).toBe(false);
  });

  it('goes to the latest step and moves the cursor; the next goes one further back, into an item too', () => {
    const one = handle(snap(), at(), '上一步', deps);
    expect(asked(one.state)).toBe('basic.total@');
    expect(one.state.backBefore).toBe(13);
    // the runner loads the rows before the cursor
    const two = handle(snap(history.filter((h) => h.id < 13)), one.state, '上一步', deps);
    expect(asked(two.state)).toBe('specialIndicator.target@legal-aid-subsidy/specialIndicator-2');
    expect(two.state.backBefore).toBe(12);
  });

  it('an answer records a step and resets the cursor', () => {
    const back = handle(snap(), at(), '上一步', deps);
    const answered = handle(snap(), back.state, '174.28', deps);
    expect(answered.steps).toEqual(['basic.total@']);
    expect(answered.state.backBefore).toBeUndefined();
  });

  it('a step of a deleted item is passed over; with nothing left, says it is the first', () => {
    const gone = [{ id: 1, ref: 'specialIndicator.target@deleted-row' }];
    const d = handle(snap(gone), at(), '上一步', deps);
    expect(d.replies.map((r) => r.text).join('\n')).toContain('已经是第一项了');
  });
});
