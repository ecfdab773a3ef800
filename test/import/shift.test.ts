import { describe, expect, it } from 'vitest';
import { ACTUAL_TO_PRIOR, isShifted, toReportYear, type ShiftedProposal } from '../../src/import/shift.js';
import type { ImportedValue, ImportProposal } from '../../src/import/types.js';
import { controlKey } from '../../src/report/catalogue.js';

const src = '2023年度报告.docx';
const v = (key: string, value: ImportedValue['value']): ImportedValue => ({ key, value, source: `${src} ${key}` });

/** Last year's report as a reader would give it: facts, this year's figures, texts, a 专项 with a row, a target. */
const lastYear = (year: number | undefined = 2023): ImportProposal => ({
  kind: 'report',
  fileName: src,
  ...(year === undefined ? {} : { year }),
  unitName: '岳阳市法律援助中心',
  values: [
    v('unit.name', '岳阳市法律援助中心'),
    v('unit.year', 2023),
    v('unit.functions', '承办法律援助案件。'),
    v('unit.departmentCount', 3),
    v('unit.departments', '业务股、财务股、办公室'),
    v('staff.authorized', 11),
    v('staff.actual', 9),
    v('staff.type', '行政编制'),
    v('budget.executed', 350.1),
    v('basic.personnel', 150),
    v('sanGong.total.prior', 2.5),
    v('sanGong.total.budget', 2.2),
    v('sanGong.total.actual', 2.1),
    v('spend.project', 175.4),
    v('basic.public', 13.5),
    v('procurement.actual', 10.8),
    v('narrative.problems', '指标可测算性不强。'),
    v('basic.personnelUse', '主要用于发放工资'),
  ],
  items: [
    {
      group: 'special',
      source: `${src} 附件3 项目1`,
      values: [v('special.name', '法律援助办案补贴'), v('special.source', '市级专项资金'), v('special.budgetFull', 51), v('special.executed', 50.1), v('special.goalActual', '完成')],
      children: [
        {
          group: 'specialIndicator',
          source: `${src} 附件3 项目1 指标1`,
          values: [v('specialIndicator.level1', '产出指标'), v('specialIndicator.name', '办理案件数'), v('specialIndicator.direction', '≥'), v('specialIndicator.measureUnit', '件'), v('specialIndicator.target', 400), v('specialIndicator.actual', 450), v('specialIndicator.weight', 20)],
          children: [],
        },
      ],
    },
    { group: 'target', source: `${src} 目标1`, values: [v('target.category', '数量'), v('target.name', '案件受理数'), v('target.target', 3000), v('target.actual', 3100)], children: [] },
    { group: 'manualScore', source: `${src} 人工评分`, values: [v('manualScore.indicatorId', 'x'), v('manualScore.score', 3)], children: [] },
  ],
  unplaced: ['第9段 无法识别'],
});

const keys = (p: ImportProposal) => Object.fromEntries(p.values.map((x) => [x.key, x.value]));

describe('toReportYear: last year\'s report into this year\'s', () => {
  const shifted = toReportYear(lastYear(), 2024) as ShiftedProposal;

  it('moves attachment 1 本年决算数 to 上年决算数, row by row (controlKey actual → prior)', () => {
    const k = keys(shifted);
    expect(k[controlKey('sanGong.total', 'prior')]).toBe(2.1);
    expect(k[controlKey('spend.project', 'prior')]).toBe(175.4); // 项目支出's 本年决算数 is spend.project
    expect(k[controlKey('basic.public', 'prior')]).toBe(13.5);
    expect(k['procurement.prior']).toBe(10.8);
    // last year's 上年 and 本年预算 columns are not this year's anything
    expect(k['sanGong.total.prior']).not.toBe(2.5);
    expect(k['sanGong.total.budget']).toBeUndefined();
    expect(k['sanGong.total.actual']).toBeUndefined();
    expect(k['spend.project']).toBeUndefined();
    expect(ACTUAL_TO_PRIOR.get('spend.project')).toBe('spend.project.prior');
  });

  it('proposes the facts that rarely change and not this year\'s figures', () => {
    const k = keys(shifted);
    for (const key of ['unit.name', 'unit.functions', 'unit.departmentCount', 'unit.departments', 'staff.authorized', 'staff.type']) expect(k).toHaveProperty([key]);
    for (const key of ['unit.year', 'staff.actual', 'budget.executed', 'basic.personnel']) expect(k).not.toHaveProperty([key]);
  });

  it('makes the unit\'s own texts defaults, not values', () => {
    expect(isShifted(shifted)).toBe(true);
    expect(shifted.textDefaults.map((x) => x.key).sort()).toEqual(['basic.personnelUse', 'narrative.problems']);
    expect(keys(shifted)).not.toHaveProperty(['narrative.problems']);
  });

  it('a 专项 keeps its facts, its 全年执行数 becomes its 上年决算数; rows keep their design, not their values', () => {
    const special = shifted.items.find((i) => i.group === 'special')!;
    expect(keys(special as unknown as ImportProposal)).toEqual({ 'special.name': '法律援助办案补贴', 'special.source': '市级专项资金', 'special.priorFinal': 50.1 });
    const row = keys(special.children[0] as unknown as ImportProposal);
    expect(row).toEqual({ 'specialIndicator.level1': '产出指标', 'specialIndicator.name': '办理案件数', 'specialIndicator.direction': '≥', 'specialIndicator.measureUnit': '件', 'specialIndicator.weight': 20 });
    const target = shifted.items.find((i) => i.group === 'target')!;
    expect(keys(target as unknown as ImportProposal)).toEqual({ 'target.category': '数量', 'target.name': '案件受理数' });
    expect(shifted.items.some((i) => i.group === 'manualScore')).toBe(false);
  });

  it('says how many of last year\'s figures were left out, and keeps what could not be placed', () => {
    expect(shifted.notes.join('')).toMatch(/2023 年度的预算、执行数、指标值和评价等 \d+ 项是当年的数据，不作为 2024 年度的数据导入/);
    expect(shifted.unplaced).toEqual(['第9段 无法识别']);
    expect(shifted.from).toBe(2023);
  });

  it('does not count the file\'s 年度 among the figures left out (it is `from`, never a value)', () => {
    const yearOnly: ImportProposal = { kind: 'report', fileName: src, year: 2023, values: [v('unit.year', 2023), v('unit.name', '岳阳市法律援助中心')], items: [], unplaced: [] };
    const s = toReportYear(yearOnly, 2024) as ShiftedProposal;
    expect(s.values.map((x) => x.key)).toEqual(['unit.name']);
    expect(s.notes).toEqual([]);
  });

  it('a report two years old gives facts and texts but no 上年决算数', () => {
    const old = toReportYear(lastYear(2022), 2024) as ShiftedProposal;
    expect(keys(old)['sanGong.total.prior']).toBeUndefined();
    expect(keys(old)['staff.authorized']).toBe(11);
    expect(old.items[0]!.values.some((x) => x.key === 'special.priorFinal')).toBe(false);
    expect(old.notes[0]).toContain('不是上一年度（2023 年度）');
  });

  it('a report without a year is taken as last year\'s (the dialogs ask first)', () => {
    expect((toReportYear(lastYear(undefined), 2024) as ShiftedProposal).from).toBe(2023);
  });

  it('leaves this year\'s files alone: a report of the same year, a template, a sheet', () => {
    const same = lastYear(2024);
    expect(toReportYear(same, 2024)).toBe(same);
    const template: ImportProposal = { ...lastYear(), kind: 'template' };
    expect(toReportYear(template, 2024)).toBe(template);
    expect(toReportYear(shifted, 2024)).toBe(shifted); // never twice
  });
});
