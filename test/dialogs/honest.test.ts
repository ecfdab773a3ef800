import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { initialState, type Decision, type DialogState, type Snapshot, type Step } from '../../src/dialogs/types.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

/** Issue 25 item 7: honest replies (skip, progress, indicator pairs, live feedback). */
const ruleSet = loadRuleSet('yueyang-reference');
let ids = 0;
const deps = { newId: () => `new-${++ids}` };
const snap = (model: ReportModel): Snapshot => ({
  userId: 'u1',
  memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role: 'filler' }],
  report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model },
  ruleSet,
  today: { year: 2025 },
  buttons: false,
});
const at = (step: Step, extra: Partial<DialogState> = {}): DialogState => ({ ...initialState(), unitId: 'unit-1', reportId: 'r1', step, ...extra });
const field = (key: string, itemId?: string): Step => ({ kind: 'field', ref: itemId ? { key, itemId } : { key } });
const text = (d: Decision) => d.replies.map((r) => r.text).join('\n');
function withoutPersonnel(): ReportModel {
  const m = seedModel();
  delete m.values['basic.personnel'];
  return m;
}

describe('跳过 on a question that has an answer', () => {
  it('says the answer is kept, not that it was skipped', () => {
    const model = withoutPersonnel();
    const asked = handle(snap(model), at(field('basic.personnel')), '修改 公用经费', deps);
    const d = handle(snap(model), asked.state, '跳过', deps);
    expect(text(d)).toContain('「公用经费」已填写（14.08万元），保留原值');
    expect(text(d)).not.toContain('已跳过');
    expect(d.state.skipped).toEqual([]);
  });

  it('an unanswered question is still reported skipped', () => {
    expect(text(handle(snap(withoutPersonnel()), at(field('basic.personnel')), '跳过', deps))).toContain('已跳过「人员经费」');
  });
});

describe('progress that never moves backwards', () => {
  it('the question number counts within its section: adding a project leaves 预算执行 at 5/13', () => {
    const model = withoutPersonnel();
    const before = text(handle(snap(model), at(field('basic.personnel')), '帮助', deps));
    expect(before).toContain('【第5/13项 · 预算执行】请输入 人员经费');
    const added = handle(snap(model), at(field('basic.personnel')), '添加项目', deps);
    const bigger = structuredClone(model);
    bigger.groups.special!.push({ id: added.addItems[0]!.id, values: {}, children: {} });
    expect(text(handle(snap(bigger), at(field('basic.personnel')), '帮助', deps))).toContain('【第5/13项 · 预算执行】请输入 人员经费');
  });

  it('进度 counts finished sections out of all nine', () => {
    const d = handle(snap(withoutPersonnel()), at(field('basic.personnel')), '进度', deps);
    expect(text(d)).toContain('填写进度：5/9 部分已完成');
    expect(text(d)).toContain('预算执行：12/13');
  });
});

describe('一级/二级 indicator pairs', () => {
  const rowId = 'legal-aid-subsidy/specialIndicator-1';
  function noLevel2(): ReportModel {
    const m = seedModel();
    delete m.groups.special![0]!.children.specialIndicator![0]!.values['specialIndicator.level2'];
    return m;
  }
  it('产出指标 with 服务对象满意度指标 is refused, naming the 二级指标 allowed', () => {
    const d = handle(snap(noLevel2()), at(field('specialIndicator.level2', rowId)), '服务对象满意度指标', deps);
    expect(d.answers).toEqual([]);
    expect(text(d)).toContain('「服务对象满意度指标」不属于一级指标「产出指标」');
    expect(text(d)).toContain('数量指标、质量指标、时效指标、成本指标');
  });
  it('a matching pair is stored', () => {
    const d = handle(snap(noLevel2()), at(field('specialIndicator.level2', rowId)), '质量指标', deps);
    expect(d.answers).toEqual([{ fieldKey: 'specialIndicator.level2', itemId: rowId, value: '质量指标' }]);
  });
  it('changing 一级指标 to one its 二级指标 does not belong to is refused too', () => {
    const d = handle(snap(seedModel()), at(field('basic.personnel')), '项目1 指标1 一级指标 改为 满意度指标', deps);
    expect(d.answers).toEqual([]);
    expect(text(d)).toContain('属于「产出指标」，不属于「满意度指标」');
  });
});

describe('live feedback names the indicator that changed', () => {
  it('a 质量 target’s 实际完成值 moves 质量达标率, not 实际完成率', () => {
    const model = withoutPersonnel();
    const d = handle(snap(model), at(field('basic.personnel')), '目标3 实际完成值 改为 40', deps);
    expect(d.answers).toEqual([{ fieldKey: 'target.actual', itemId: model.groups.target![2]!.id, value: 40 }]);
    expect(text(d)).toMatch(/本项 质量达标率 [\d.]+\/6\.00 分/);
    expect(text(d)).not.toContain('实际完成率');
  });
});
