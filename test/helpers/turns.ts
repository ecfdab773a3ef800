import { Plan } from '../../src/dialogs/plan.js';
import { gateId, initialState, refId, type Decision, type DialogState, type Snapshot, type Step } from '../../src/dialogs/types.js';
import type { GroupItem, ReportModel } from '../../src/report/model.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import type { Role } from '../../src/store/people.js';
import { seedModel } from './rulesets.js';

/** One engine turn at a time on the seed report, as test/dialogs/engine.test.ts does. */
export const ruleSet = loadRuleSet('yueyang-reference');
let ids = 0;
export const deps = { newId: () => `new-${++ids}` };

/** The seed report without some top-level answers. */
export function seedWithout(drop: string[] = []): ReportModel {
  const m = seedModel();
  for (const k of drop) delete m.values[k];
  return m;
}

export function snapOf(model: ReportModel, role: Role = 'filler', buttons = false): Snapshot {
  return {
    userId: 'u1',
    memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role }],
    report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model },
    ruleSet,
    today: { year: 2025 },
    buttons,
  };
}

export const stateAt = (step: Step, extra: Partial<DialogState> = {}): DialogState => ({ ...initialState(), unitId: 'unit-1', reportId: 'r1', step, ...extra });
export const fieldStep = (key: string, itemId?: string): Step => ({ kind: 'field', ref: itemId ? { key, itemId } : { key } });
export const said = (d: Decision) => d.replies.map((r) => r.text).join('\n');
export const stored = (d: Decision) => d.answers.map((a) => ({ fieldKey: a.fieldKey, value: a.value, ...(a.itemId ? { itemId: a.itemId } : {}) }));

/** Indicator row `j` (0-based) of project `i` of a model. */
export function indicatorRow(m: ReportModel, i: number, j: number): GroupItem {
  return m.groups.special![i]!.children.specialIndicator![j]!;
}

/**
 * A state with nothing left open in `m` but what `keep` names: every unanswered question skipped
 * (as a user who skipped them), every "add another?" gate closed.
 */
export function nothingOpen(m: ReportModel, keep: string[] = []): Partial<DialogState> {
  const plan = new Plan(m);
  const skipped = plan.fields.filter((e) => !plan.answered(e.ref)).map((e) => refId(e.ref)).filter((id) => !keep.includes(id));
  const gatesClosed = plan.entries.flatMap((e) => (e.kind === 'gate' ? [gateId(e.group, e.parentId)] : []));
  return { skipped, gatesClosed };
}
