import { describe, expect, it } from 'vitest';
import { proposalFromModel } from '../../src/import/from-model.js';
import { toReportYear, type ShiftedProposal } from '../../src/import/shift.js';
import { seedModel } from '../helpers/rulesets.js';

describe('proposalFromModel: last year\'s report in the database as a proposal', () => {
  const seed = seedModel();
  const p = proposalFromModel(seed, 2023);

  it('is a report of that year with every answer, sourced to the database', () => {
    expect(p).toMatchObject({ kind: 'report', year: 2023, unitName: '岳阳市法律援助中心', unplaced: [] });
    expect(p.values).toHaveLength(Object.keys(seed.values).length);
    expect(p.values.find((v) => v.key === 'basic.personnel')).toEqual({ key: 'basic.personnel', value: 160.2, source: '数据库中 2023 年度报告' });
  });

  it('keeps the items with their rows', () => {
    const specials = p.items.filter((i) => i.group === 'special');
    expect(specials.map((s) => s.values.find((v) => v.key === 'special.name')!.value)).toEqual(['法律援助办案补贴', '法律援助宣传及业务培训']);
    expect(specials.map((s) => s.children.length)).toEqual([8, 7]);
    expect(specials[0]!.children[0]!.group).toBe('specialIndicator');
    expect(specials[0]!.children[0]!.source).toBe('数据库中 2023 年度报告 专项资金项目1 项目绩效指标1');
    expect(p.items.filter((i) => i.group === 'target')).toHaveLength(7);
  });

  it('shifted to the next year, offers its 决算数 as 上年决算数 and its texts as defaults', () => {
    const s = toReportYear(p, 2024) as ShiftedProposal;
    const k = Object.fromEntries(s.values.map((v) => [v.key, v.value]));
    expect(k['sanGong.total.prior']).toBe(1.85);
    expect(k['spend.project.prior']).toBe(188.28);
    expect(k['basic.public.prior']).toBe(14.08);
    expect(k['staff.authorized']).toBe(11);
    expect(k['budget.executed']).toBeUndefined();
    expect(s.textDefaults.map((v) => v.key)).toContain('narrative.problems');
    expect(s.items.filter((i) => i.group === 'special').map((i) => i.values.find((v) => v.key === 'special.priorFinal')?.value)).toEqual([52.36, 21.7]);
  });
});
