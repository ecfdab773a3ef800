import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/export/document.js';
import { controlKey } from '../../src/report/catalogue.js';
import type { ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { docxParts } from '../helpers/docx.js';
import { seedModel } from '../helpers/rulesets.js';

/**
 * Attachment 1 read back from the DOCX, cell by cell, against the dataset (issue 29: its 预算数 and
 * 决算数 columns swapped, or 预算单位名称 left blank, passed the whole suite).
 */
const ref = loadRuleSet('yueyang-reference');

/** The rows of every table in document.xml, each row its cells' text. */
function tables(xml: string): string[][][] {
  const decode = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => decode(c[1]!).trim())),
  );
}

const money = (m: ReportModel, key: string) => {
  const v = m.values[key];
  return typeof v === 'number' ? v.toFixed(2) : undefined;
};

describe('attachment 1 in the DOCX, cell by cell', async () => {
  const m = seedModel();
  const built = await buildReport(m, scoreReport(m, ref), { createdAt: new Date('2025-03-01T08:00:00Z') });
  const all = tables(docxParts(built.content)['word/document.xml']!);
  const funds = all.find((t) => t[0]?.[0] === '预算单位名称')!;
  const rowOf = (label: string) => funds.find((r) => r[0]!.replace(/^[　\s]+/, '') === label);

  it('names the unit and the staff figures', () => {
    expect(funds[0]).toEqual(['预算单位名称', m.values['unit.name']]);
    expect(funds[2]!.slice(1, 3)).toEqual([String(m.values['staff.authorized']), String(m.values['staff.actual'])]);
  });

  it('has the three columns in order: last year’s 决算, this year’s 预算, this year’s 决算', () => {
    expect(funds[3]!.slice(1)).toEqual(['2023年决算数', '2024年预算数', '2024年决算数']);
  });

  it.each([
    ['三公经费（=1+2+3）', 'sanGong.total'],
    ['1、公务用车购置和维护经费', 'sanGong.car'],
    ['其中：公车购置', 'sanGong.carPurchase'],
    ['公车运行维护', 'sanGong.carRunning'],
    ['2、出国经费', 'sanGong.abroad'],
    ['3、公务接待', 'sanGong.reception'],
    ['项目支出（=1+2+3）', 'spend.project'],
    ['1、业务工作经费', 'spend.business'],
    ['公用经费', 'basic.public'],
    ['其中：办公经费', 'public.office'],
    ['水费、电费、差旅费', 'public.utilitiesTravel'],
    ['会议费、培训费', 'public.meetingTraining'],
    ['政府采购金额', 'procurement'],
  ])('%s: each column from its own field', (label, base) => {
    const row = rowOf(label);
    expect(row, label).toBeDefined();
    const expected = (['prior', 'budget', 'actual'] as const).map((p) => money(m, controlKey(base, p)));
    expect(expected.every((x) => x !== undefined), `${base} is in the seed dataset`).toBe(true);
    expect(row!.slice(1)).toEqual(expected);
  });

  it('one row per 专项 under its source, with 上年决算 / 全年预算 / 全年执行', () => {
    for (const s of m.groups.special!) {
      const row = rowOf(String(s.values['special.name']));
      expect(row).toEqual([String(s.values['special.name']), ...['special.priorFinal', 'special.budgetFull', 'special.executed'].map((k) => (s.values[k] as number).toFixed(2))]);
    }
  });
});
