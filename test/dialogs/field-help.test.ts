import { describe, expect, it } from 'vitest';
import { handle } from '../../src/dialogs/engine.js';
import { initialState, type Decision, type DialogState, type Snapshot, type Step } from '../../src/dialogs/types.js';
import { FIELDS } from '../../src/report/catalogue.js';
import { GLOSSARY } from '../../src/report/glossary.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { seedModel } from '../helpers/rulesets.js';

/** Issue 25 item 6: 「X包括什么 / X是什么 / X怎么填」 answered from the glossary, then the question again. */
const ruleSet = loadRuleSet('yueyang-reference');
const deps = { newId: () => 'x' };
const snap = (model: ReportModel): Snapshot => ({
  userId: 'u1',
  memberships: [{ unitId: 'unit-1', unitName: '岳阳市法律援助中心', role: 'filler' }],
  report: { id: 'r1', unitId: 'unit-1', year: 2024, version: 7, model },
  ruleSet,
  today: { year: 2025 },
  buttons: false,
});
const at = (step: Step): DialogState => ({ ...initialState(), unitId: 'unit-1', reportId: 'r1', step });
const field = (key: string): Step => ({ kind: 'field', ref: { key } });
const text = (d: Decision) => d.replies.map((r) => r.text).join('\n');
function missing(key: string): ReportModel {
  const m = seedModel();
  delete m.values[key];
  return m;
}

describe('field help', () => {
  it('人员经费包括什么？ gets the definition and an example, not boilerplate, then the question again', () => {
    const d = handle(snap(missing('basic.personnel')), at(field('basic.personnel')), '人员经费包括什么？', deps);
    const t = text(d);
    expect(t).toContain('关于「人员经费」：');
    expect(t).toContain('工资福利支出');
    expect(t).toContain('例如：160.20');
    expect(t).not.toContain('请按提问填写；不清楚时可咨询本单位财务人员');
    expect(t).toMatch(/请输入 人员经费（万元）$/);
    expect(d.answers).toEqual([]);
  });

  it('a question about another field while a text answer is pending is answered, not stored', () => {
    const d = handle(snap(missing('narrative.problems')), at(field('narrative.problems')), '三公经费是什么', deps);
    expect(d.answers).toEqual([]);
    expect(text(d)).toContain('因公出国（境）费、公务用车购置及运行维护费、公务接待费');
    expect(text(d)).toMatch(/请输入 存在的问题及原因分析/);
  });

  it('什么是公用经费？ and 这个怎么填 (the pending question)', () => {
    expect(text(handle(snap(missing('basic.personnel')), at(field('basic.personnel')), '什么是公用经费？', deps))).toContain('商品和服务支出');
    const d = handle(snap(missing('staff.actual')), at(field('staff.actual')), '这个怎么填', deps);
    expect(text(d)).toContain('关于「实有人数」：年末实际在职');
  });

  it('a text answer that merely ends in a question word about no field is still an answer', () => {
    const d = handle(snap(missing('narrative.problems')), at(field('narrative.problems')), '群众最关心的是什么', deps);
    expect(d.answers).toEqual([{ fieldKey: 'narrative.problems', value: '群众最关心的是什么' }]);
  });

  it('every glossary entry names a field of the catalogue and has a definition and an example', () => {
    const keys = new Set(FIELDS.map((f) => f.key.replace(/\.(prior|budget|actual)$/, '')));
    for (const [key, e] of Object.entries(GLOSSARY)) {
      expect(keys.has(key) || FIELDS.some((f) => f.key === key), key).toBe(true);
      expect(e.def.length, key).toBeGreaterThan(5);
      expect(e.example.length, key).toBeGreaterThan(0);
    }
  });
});
