import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { initialState, type Decision, type DialogState, type Snapshot, type Step } from '../../src/dialogs/types.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

/**
 * Issue 25 item 2: 「修改」 reaches every field, items and sub-items included (by path, or by a name
 * unique in the current item, with a numbered list when several match); 「查看 项目2」 shows an
 * item with its sub-items and their numbers.
 */
const ruleSet = loadRuleSet('yueyang-reference');
let ids = 0;
const deps = { newId: () => `new-${++ids}` };

function snap(model: ReportModel = seedModel(), buttons = false): Snapshot {
  return {
    userId: 'u1',
    memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role: 'filler' }],
    report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model },
    ruleSet,
    today: { year: 2025 },
    buttons,
  };
}
const at = (step: Step, extra: Partial<DialogState> = {}): DialogState => ({ ...initialState(), unitId: 'unit-1', reportId: 'r1', step, ...extra });
const field = (key: string, itemId?: string): Step => ({ kind: 'field', ref: itemId ? { key, itemId } : { key } });
const text = (d: Decision) => d.replies.map((r) => r.text).join('\n');
const asking = (d: Decision) => (d.state.step.kind === 'field' ? d.state.step.ref : undefined);

const P1 = 'legal-aid-subsidy';
const P2 = 'publicity-training';
const row = (p: string, n: number) => `${p}/specialIndicator-${n}`;
/** A top-level question pending (人员经费, dropped from the seed). */
function pendingPersonnel(): { model: ReportModel; state: DialogState } {
  const model = seedModel();
  delete model.values['basic.personnel'];
  return { model, state: at(field('basic.personnel')) };
}

describe('修改 by path', () => {
  it('修改 项目2 指标3 实际完成值 asks exactly that field, with its current value, and stores the answer there', () => {
    const { model, state } = pendingPersonnel();
    const d = handle(snap(model), state, '修改 项目2 指标3 实际完成值', deps);
    expect(asking(d)).toEqual({ key: 'specialIndicator.actual', itemId: row(P2, 3) });
    expect(text(d)).toContain('请输入新的 实际完成值（专项资金项目2指标3「推送宣传稿件数」）');
    expect(text(d)).toContain('当前已填：150');
    expect(d.answers).toEqual([]);
    const after = handle(snap(model), d.state, '160', deps);
    expect(after.answers).toEqual([{ fieldKey: 'specialIndicator.actual', itemId: row(P2, 3), value: 160 }]);
    // then back to the question that was pending
    expect(asking(after)).toEqual({ key: 'basic.personnel' });
  });

  it('also with the set form: 项目1 指标2 年度指标值 改为 1100', () => {
    const { model, state } = pendingPersonnel();
    const d = handle(snap(model), state, '项目1 指标2 年度指标值 改为 1100', deps);
    expect(d.answers).toEqual([{ fieldKey: 'specialIndicator.target', itemId: row(P1, 2), value: 1100 }]);
    expect(text(d)).toContain('已记录 年度指标值 1100');
    expect(asking(d)).toEqual({ key: 'basic.personnel' });
  });

  it('修改 项目2 指标3 (no field) walks that indicator’s fields', () => {
    const { model, state } = pendingPersonnel();
    const d = handle(snap(model), state, '修改 项目2 指标3', deps);
    expect(asking(d)).toEqual({ key: 'specialIndicator.level1', itemId: row(P2, 3) });
    expect(d.state.queue.map((q) => q.key)).toContain('specialIndicator.actual');
  });

  it('修改 目标2 实际完成值 reaches an annual target', () => {
    const { model, state } = pendingPersonnel();
    const d = handle(snap(model), state, '修改 目标2 实际完成值', deps);
    expect(asking(d)).toEqual({ key: 'target.actual', itemId: model.groups.target![1]!.id });
    expect(text(d)).toContain('当前已填：15000');
  });

  it('a path to an item that does not exist says so and asks the pending question again', () => {
    const { model, state } = pendingPersonnel();
    const d = handle(snap(model), state, '修改 项目2 指标30 实际完成值', deps);
    expect(text(d)).toContain('没有这个编号');
    expect(asking(d)).toEqual({ key: 'basic.personnel' });
    expect(d.answers).toEqual([]);
  });

  it('a path on a pending text question is still a correction, not the answer', () => {
    const model = seedModel();
    delete model.values['narrative.problems'];
    const d = handle(snap(model), at(field('narrative.problems')), '修改 项目1 指标2 实际完成值', deps);
    expect(d.answers).toEqual([]);
    expect(asking(d)).toEqual({ key: 'specialIndicator.actual', itemId: row(P1, 2) });
  });
});

describe('修改 by a name in the current item', () => {
  it('inside a project indicator, 修改 年度指标值 is that indicator’s (the transcript’s failure)', () => {
    const model = seedModel();
    delete model.groups.special![0]!.children.specialIndicator![1]!.values['specialIndicator.weight'];
    const d = handle(snap(model), at(field('specialIndicator.weight', row(P1, 2))), '修改 年度指标值', deps);
    expect(asking(d)).toEqual({ key: 'specialIndicator.target', itemId: row(P1, 2) });
    expect(text(d)).toContain('当前已填：1000');
  });

  it('in a project with eight indicators, 修改 年度指标值 lists them numbered; a number picks one', () => {
    const model = seedModel();
    delete model.groups.special![0]!.values['special.goalActual'];
    const d = handle(snap(model), at(field('special.goalActual', P1)), '修改 年度指标值', deps);
    const t = text(d);
    expect(t).toContain('有 7 项「年度指标值」');
    expect(t).toContain('1. 专项资金项目1指标1「市本级办理法律援助案件数」 年度指标值：450');
    expect(t).toContain('2. 专项资金项目1指标2「律师值班补贴发放人次」 年度指标值：1000');
    expect(d.answers).toEqual([]);
    const picked = handle(snap(model), d.state, '2', deps);
    expect(asking(picked)).toEqual({ key: 'specialIndicator.target', itemId: row(P1, 2) });
    expect(picked.answers).toEqual([]);
    expect(picked.state.pick).toBeUndefined();
  });

  it('after a numbered list, a message that is not a number is handled as usual (the list is dropped)', () => {
    const model = seedModel();
    delete model.groups.special![0]!.values['special.goalActual'];
    const d = handle(snap(model), at(field('special.goalActual', P1)), '修改 年度指标值', deps);
    const next = handle(snap(model), d.state, '项目实施顺利，目标全部完成', deps);
    expect(next.answers).toEqual([{ fieldKey: 'special.goalActual', itemId: P1, value: '项目实施顺利，目标全部完成' }]);
    expect(next.state.pick).toBeUndefined();
  });

  it('a name found nowhere near is looked for in the whole report (unique: asked directly)', () => {
    const { model, state } = pendingPersonnel();
    const d = handle(snap(model), state, '修改 实施单位', deps);
    // two projects have it: numbered list
    expect(text(d)).toContain('有 2 项「实施单位」');
  });
});

describe('修改项目 N and 查看 项目N show the item with its numbered sub-items', () => {
  it('查看 项目2 lists the project’s fields and its indicators with their numbers', () => {
    const { model, state } = pendingPersonnel();
    const d = handle(snap(model), state, '查看 项目2', deps);
    const t = text(d);
    expect(t).toContain('【专项资金项目2「法律援助宣传及业务培训」】');
    expect(t).toContain('全年执行数（B）：');
    expect(t).toContain('指标3「推送宣传稿件数」');
    expect(t).toContain('修改 项目2 指标1 实际完成值');
    expect(asking(d)).toEqual({ key: 'basic.personnel' });
  });

  it('查看 项目1 指标5 shows one indicator', () => {
    const { model, state } = pendingPersonnel();
    const t = text(handle(snap(model), state, '查看 项目1 指标5', deps));
    expect(t).toContain('【专项资金项目1指标5「单件平均办案补贴」】');
    expect(t).toContain('计量单位：元/件');
  });

  it('修改项目 2 shows the indicators (so they can be reached) and walks the project’s own fields', () => {
    const { model, state } = pendingPersonnel();
    const d = handle(snap(model), state, '修改项目 2', deps);
    expect(text(d)).toContain('指标3「推送宣传稿件数」');
    expect(asking(d)).toEqual({ key: 'special.name', itemId: P2 });
  });
});
