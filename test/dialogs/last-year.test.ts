import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { handleImport } from '../../src/dialogs/import-flow.js';
import type { Decision, DialogState } from '../../src/dialogs/types.js';
import { proposalFromModel } from '../../src/import/from-model.js';
import { toReportYear, type ShiftedProposal } from '../../src/import/shift.js';
import type { ReportModel } from '../../src/report/model.js';
import { applyPatch } from '../../src/store/patch.js';
import { seedModel } from '../helpers/rulesets.js';
import { deps, fieldStep, said, snapOf, stateAt, stored } from '../helpers/turns.js';

/**
 * Issue 26 item 4, say it once: an answer the unit gave last year that is not this year's data
 * (a checklist item, a has/has-not question, a count) is offered as a one-tap default marked
 * 「去年：…」 when its question comes, and stored only when taken.
 */

const offering = (key: string, value: string, extra: Partial<DialogState> = {}) => stateAt(fieldStep(key), { priorTexts: { report: 'r1', texts: { [key]: value } }, ...extra });

function without(keys: string[]): ReportModel {
  const m = seedModel();
  for (const k of keys) delete m.values[k];
  return m;
}

describe('last year’s answer as a one-tap default', () => {
  it('a yes/no question shows 「去年：是」 after its own options, marked as last year’s', () => {
    const m = without(['mgmt.rules.exist']);
    const d = handle(snapOf(m, 'filler', true), offering('mgmt.rules.exist', '是'), '帮助', deps);
    const q = d.replies.at(-1)!;
    expect(q.choices).toEqual(['是', '否', '去年：是']);
    expect(q.text).toContain('去年填的是「是」');
  });

  it('tapping 「去年：是」 stores it and says so; nothing was stored before', () => {
    const m = without(['mgmt.rules.exist']);
    const d = handle(snapOf(m, 'filler', true), offering('mgmt.rules.exist', '是'), '去年：是', deps);
    expect(stored(d)).toEqual([{ fieldKey: 'mgmt.rules.exist', value: true }]);
    expect(said(d)).toContain('已记录 已制定预算资金管理办法');
    expect(d.state.priorTexts).toBeUndefined();
  });

  it('without buttons, the number after the options takes it; the options keep their numbers', () => {
    const m = without(['mgmt.rules.exist']);
    const q = handle(snapOf(m), offering('mgmt.rules.exist', '否'), '帮助', deps);
    expect(said(q)).toContain('1. 是\n2. 否\n3. 去年：否');
    expect(stored(handle(snapOf(m), offering('mgmt.rules.exist', '否'), '3', deps))).toEqual([{ fieldKey: 'mgmt.rules.exist', value: false }]);
    expect(stored(handle(snapOf(m), offering('mgmt.rules.exist', '否'), '1', deps))).toEqual([{ fieldKey: 'mgmt.rules.exist', value: true }]);
  });

  it('a count: 「去年」 takes last year’s 9; a number typed is this year’s answer', () => {
    const m = without(['staff.actual']);
    const q = handle(snapOf(m, 'filler', true), offering('staff.actual', '9'), '帮助', deps);
    expect(q.replies.at(-1)!.choices).toEqual(['去年：9']);
    expect(stored(handle(snapOf(m), offering('staff.actual', '9'), '去年', deps))).toEqual([{ fieldKey: 'staff.actual', value: 9 }]);
    expect(stored(handle(snapOf(m), offering('staff.actual', '9'), '1', deps))).toEqual([{ fieldKey: 'staff.actual', value: 1 }]);
  });

  it('an answered question offers nothing', () => {
    const d = handle(snapOf(seedModel(), 'filler', true), offering('mgmt.rules.exist', '否'), '帮助', deps);
    expect(said(d)).not.toContain('去年填的是');
    expect(d.replies.at(-1)!.choices).toEqual(['是', '否']);
  });
});

describe('last year’s report in the database brings its answers as defaults', () => {
  it('the shift keeps checklists, has/has-not and counts as defaults (not values), never money', () => {
    const shifted = toReportYear(proposalFromModel(seedModel(), 2024), 2025) as ShiftedProposal;
    const defaults = Object.fromEntries((shifted.valueDefaults ?? []).map((v) => [v.key, v.value]));
    expect(defaults).toMatchObject({ 'mgmt.rules.exist': true, 'govFund.has': false, 'staff.actual': 9, 'mgmt.violations': 0, 'effect.sustainabilityLevel': '达成' });
    expect(defaults).not.toHaveProperty(['budget.executed']);
    expect(shifted.values.map((v) => v.key)).not.toContain('mgmt.rules.exist');
  });

  it('after 全部确认 of the 2024 report, the 2025 questions offer 「去年：…」 and store nothing until taken', () => {
    let model: ReportModel = { ruleSetId: 'yueyang-reference', values: { 'unit.name': '岳阳市法律援助中心', 'unit.year': 2025, 'unit.rank': '正科级' }, groups: {} };
    let state = stateAt({ kind: 'done' });
    const take = (d: Decision) => {
      model = applyPatch(model, { answers: d.answers, addItems: d.addItems, deleteItems: d.deleteItems });
      state = JSON.parse(JSON.stringify(d.state)) as DialogState;
      return d;
    };
    const snap = () => ({ ...snapOf(model, 'filler', true), report: { id: 'r1', unitId: 'unit-1', year: 2025, version: 1, model } });
    take(handleImport(snap(), state, proposalFromModel(seedModel(), 2024), deps));
    const confirmed = take(handle(snap(), state, '全部确认', deps));
    // said apart from last year's texts, as defaults waiting (not stored)
    expect(said(confirmed)).toMatch(/去年的其他答案 \d+ 项待用/);
    expect(model.values['mgmt.rules.exist']).toBeUndefined();
    expect(model.values['staff.actual']).toBeUndefined();
    // the question of 实有人数 comes with last year's 9
    const q = take(handle(snap(), { ...state, step: fieldStep('staff.actual') }, '帮助', deps));
    expect(q.replies.at(-1)!.choices).toContain('去年：9');
    take(handle(snap(), state, '去年：9', deps));
    expect(model.values['staff.actual']).toBe(9);
    const c = take(handle(snap(), { ...state, step: fieldStep('mgmt.rules.exist') }, '帮助', deps));
    // its checklist (预算管理, one question since issue 26 item 2) offers last year's answers as one tap
    expect(c.replies.at(-1)!.choices).toEqual(['全部是', '逐项回答', '同去年']);
    expect(c.replies.at(-1)!.text).toMatch(/去年：(全部是|第 [\d、]+ 项否，其余是)/);
    expect(model.values['mgmt.rules.exist']).toBeUndefined();
    take(handle(snap(), { ...state, step: fieldStep('mgmt.rules.exist') }, '同去年', deps));
    expect(model.values['mgmt.rules.exist']).toBe(seedModel().values['mgmt.rules.exist']);
  });
});
