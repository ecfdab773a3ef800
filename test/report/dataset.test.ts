import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { loadDatasetFile, parseDataset } from '../../src/report/dataset.js';
import { SEED_FILE } from '../helpers/rulesets.js';

function problems(doc: unknown): readonly string[] {
  try {
    parseDataset(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('DATASET_INVALID');
    return (e as AppError).details;
  }
  throw new Error('dataset was accepted');
}

describe('the seed fixture', () => {
  const { model, assumptions } = loadDatasetFile(SEED_FILE);
  it('holds the figures the seed states, exactly', () => {
    expect(model.values).toMatchObject({
      'unit.name': '岳阳市法律援助中心',
      'staff.authorized': 11,
      'staff.actual': 9,
      'basic.total': 174.28,
      'basic.personnel': 160.2,
      'basic.public': 14.08,
      'spend.project': 188.28,
      'budget.executed': 362.56,
      'staff.type': '行政编制',
      'govFund.has': false,
    });
    const specials = model.groups.special!;
    expect(specials).toHaveLength(2);
    expect(specials.reduce((s, p) => s + (p.values['special.executed'] as number), 0)).toBeCloseTo(74.06, 10);
    expect(specials[0]!.children.specialIndicator).toHaveLength(8);
  });

  it('marks what the seed does not state as assumptions', () => {
    expect(assumptions.map((a) => a.key)).toEqual(expect.arrayContaining(['budget.initial', 'sanGong.*', 'target.*']));
    for (const a of assumptions) expect(a.note.length).toBeGreaterThan(4);
  });
});

describe('bad datasets are reported by field label, never a stack trace', () => {
  it('a value of the wrong kind', () => {
    const p = problems({ ruleSet: 'x', values: { 'staff.authorized': '十一', 'basic.personnel': 'abc', 'govFund.has': 'maybe' } });
    expect(p).toEqual([
      '「编制数」应为整数，实际是 「十一」',
      '「人员经费」应为金额数字（万元），实际是 「abc」',
      '「政府性基金预算支出」应为是/否（true 或 false），实际是 「maybe」',
    ]);
  });

  it('a fractional head count, a negative amount, an out-of-range percent', () => {
    const p = problems({ ruleSet: 'x', values: { 'staff.actual': 9.5, 'basic.public': -1, 'effect.satisfaction': 1000 } });
    expect(p[0]).toContain('「实有人数」应为整数');
    expect(p[1]).toBe('「公用经费」为 -1，超出允许范围 0 ~ 10000000');
    expect(p[2]).toBe('「服务对象满意度」为 1000，超出允许范围 0 ~ 100');
  });

  it('an unknown field, a wrong choice, and a bad value inside a group item', () => {
    const p = problems({
      ruleSet: 'x',
      values: { 'staff.ghosts': 1, 'unit.rank': '大官' },
      groups: { special: [{ name: '甲', executed: '很多', specialIndicator: [{ direction: '>>' }] }] },
    });
    expect(p).toContain('未知字段「staff.ghosts」，字段目录中没有这一项');
    expect(p.find((x) => x.includes('机构级别'))).toContain('只能是：正厅级');
    expect(p).toContain('专项资金项目1：「全年执行数（B）」应为金额数字（万元），实际是 「很多」');
    expect(p.find((x) => x.includes('指标方向'))).toMatch(/^专项资金项目1：项目绩效指标1：「指标方向」为「>>」/);
  });

  it('item ids are unique in the whole report: nested rows get their parent in the id, a repeated id is refused', () => {
    const { model } = parseDataset({ ruleSet: 'x', groups: { special: [{ specialIndicator: [{}, {}] }, { specialIndicator: [{}] }] } });
    const ids = model.groups.special!.flatMap((s) => [s.id, ...(s.children.specialIndicator ?? []).map((r) => r.id)]);
    expect(ids).toEqual(['special-1', 'special-1/specialIndicator-1', 'special-1/specialIndicator-2', 'special-2', 'special-2/specialIndicator-1']);
    expect(problems({ ruleSet: 'x', groups: { target: [{ id: 'a' }, { id: 'a' }] } })).toContain('编号「a」用了不止一次，请给每个项目一个不同的 id');
  });

  it('yes/no labels are accepted for booleans', () => {
    const { model } = parseDataset({ ruleSet: 'x', values: { 'govFund.has': '无', 'info.true': '是' } });
    expect(model.values).toEqual({ 'govFund.has': false, 'info.true': true });
  });

  it('a document that is not a dataset at all', () => {
    expect(problems([1, 2, 3])[0]).toMatch(/^（根）/);
  });
});
