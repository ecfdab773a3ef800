import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../src/import/read-file.js';
import type { ImportProposal } from '../../src/import/types.js';

/**
 * A unit's own Word file with the seed's headings but its own wording and spacing: one-line
 * title, 「部门」 for 「单位」, spaces around figures, 元 instead of 万元, a 附件1 with “三公” and
 * 决算-style row names under a two-row merged header, a 附件3 whose 一级指标 cells are merged.
 */

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const c = (text: string, opts: { span?: number; vMerge?: 'restart' | 'continue' } = {}) =>
  new TableCell({
    children: [p(text)],
    ...(opts.span ? { columnSpan: opts.span } : {}),
    ...(opts.vMerge ? { verticalMerge: opts.vMerge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
  });
const row = (...cells: (TableCell | string)[]) => new TableRow({ children: cells.map((x) => (typeof x === 'string' ? c(x) : x)) });

async function handMade(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          p('2024 年度 岳阳市法律援助中心部门整体支出绩效自评报告'),
          p('一、 部门（单位）基本情况'),
          p('岳阳市法律援助中心主要职能是：指导全市法律援助工作。承办法律援助案件。'),
          p('本中心为正科级行政机构，内设 3 个股室：业务股、财务股、办公室。共有编制数 11 人，实有人数 9 名，全部为行政编制。'),
          p('二、一般公共预算支出情况'),
          p('（一） 基本支出情况'),
          p('2024年度基本支出合计 174.28 万元。其中：人员经费支出为 160.2 万元，用于发放工资；日常公用经费 140,800 元，用于办公和水电。另有其他支出 3.5 万元。'),
          p('（二）项目支出情况'),
          p('全年项目支出合计188.28万元，专项资金主要用于办案补贴和宣传培训。'),
          p('三、政府性基金预算支出情况'),
          p('本单位无政府性基金预算支出。'),
          p('四、国有资本经营预算支出情况'),
          p('2024年度国有资本经营预算数 10.00 万元，执行数 9.50 万元。'),
          p('用于设备更新'),
          p('五、社会保险基金预算支出情况'),
          p('无'),
          p('六、部门整体支出绩效情况'),
          p('全年工作成效显著。'),
          p('（一）经济性评价方面'),
          p('1、预算配置方面，控制较好。'),
          p('5. 社会效益指标方面，全年受理案件3260件。'),
          p('（二）效率性评价和有效性评价'),
          p('效率较高。'),
          p('（三）社会公众满意度评价'),
          p('满意度达95%以上。'),
          p('七、存在的问题及原因分析'),
          p('1、制度还需完善'),
          p('指标可测算性不强。'),
          p('八、下一步改进措施'),
          p('加强培训。'),
          p('九、部门整体支出绩效自评结果拟应用和公开情况'),
          p('在门户网站公开。'),
          p('十、其他需要说明的情况'),
          p('无'),
          p('附件1'),
          new Table({
            rows: [
              row('预算单位名称', c('岳阳市法律援助中心', { span: 3 })),
              row(c('项目', { vMerge: 'restart' }), '2023年', c('2024年', { span: 2 })),
              row(c('', { vMerge: 'continue' }), '决算数', '预算数', '决算数'),
              row('“三公”经费合计', '2.10', '2.00', '1.85'),
              row('其中：公务接待费', '0.80', '0.80', '0.65'),
              row('因公出国（境）费用', '0', '0', '0'),
              row('2、市级专项资金', '50.10', '53.20', '52.36'),
              row('　　法律援助办案补贴', '50.10', '53.20', '52.36'),
              row('其他支出', '1.00', '2.00', '3.00'),
            ],
          }),
          p('附件3'),
          new Table({
            rows: [
              row('项目名称', c('法律援助办案补贴', { span: 5 })),
              row('项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '执行率', '得分'),
              row('年度资金总额', '50', '53.2', '52.36', '98.42%', '9.84'),
              row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值'),
              row(c('产出指标', { vMerge: 'restart' }), '数量指标', '办理案件数', '≥ 450件', '489件', '20'),
              row(c('', { vMerge: 'continue' }), '成本指标', '单件补贴', '不高于1500元/件', '1450元/件', '5'),
              row('总分', '', '', '', '', '100'),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const value = (p: ImportProposal, key: string) => p.values.find((v) => v.key === key)?.value;

describe('a unit’s own Word report with the seed’s headings', async () => {
  const p = await readImportFile('自评报告.docx', await handMade());

  it('reads the title, 一 and 二 in other words and spacing, 元 converted to 万元', () => {
    expect([p.kind, p.year, p.unitName]).toEqual(['report', 2024, '岳阳市法律援助中心']);
    expect(value(p, 'unit.functions')).toBe('指导全市法律援助工作。承办法律援助案件。');
    expect([value(p, 'unit.rank'), value(p, 'unit.nature'), value(p, 'unit.departmentCount'), value(p, 'unit.departments')]).toEqual(['正科级', '行政机构', 3, '业务股、财务股、办公室']);
    expect([value(p, 'staff.authorized'), value(p, 'staff.actual'), value(p, 'staff.type')]).toEqual([11, 9, '行政编制']);
    expect([value(p, 'basic.total'), value(p, 'basic.personnel'), value(p, 'basic.public')]).toEqual([174.28, 160.2, 14.08]);
    expect(value(p, 'basic.personnelUse')).toBe('用于发放工资');
    expect(value(p, 'spend.project')).toBe(188.28);
    expect(value(p, 'narrative.specialPurpose')).toBe('办案补贴和宣传培训');
    expect(p.unplaced.filter((u) => u.startsWith('二、（一）'))).toEqual(['二、（一）第4段「…公和水电。另有其他支出 3.5 万元」']);
  });

  it('reads 三 to 十: none, figures with their purpose, the unit’s own words', () => {
    expect(value(p, 'govFund.has')).toBe(false);
    expect([value(p, 'stateCapital.has'), value(p, 'stateCapital.budget'), value(p, 'stateCapital.executed'), value(p, 'stateCapital.purpose')]).toEqual([true, 10, 9.5, '用于设备更新']);
    expect(value(p, 'socialInsurance.has')).toBe(false);
    expect(value(p, 'narrative.overview')).toBe('全年工作成效显著。');
    expect(value(p, 'narrative.socialBenefit')).toBe('全年受理案件3260件。');
    expect(value(p, 'narrative.efficiency')).toBe('效率较高。');
    expect(value(p, 'narrative.satisfaction')).toBe('满意度达95%以上。');
    expect(value(p, 'narrative.problems')).toBe('1、制度还需完善\n指标可测算性不强。');
    expect(value(p, 'narrative.measures')).toBe('加强培训。');
    expect(value(p, 'narrative.publicity')).toBe('在门户网站公开。');
    expect(value(p, 'narrative.other')).toBe('无');
  });

  it('reads 附件1 under a merged two-row header, with “三公” and 决算-style row names', () => {
    expect([value(p, 'sanGong.total.prior'), value(p, 'sanGong.total.budget'), value(p, 'sanGong.total.actual')]).toEqual([2.1, 2, 1.85]);
    expect([value(p, 'sanGong.reception.prior'), value(p, 'sanGong.reception.budget'), value(p, 'sanGong.reception.actual')]).toEqual([0.8, 0.8, 0.65]);
    expect(value(p, 'sanGong.abroad.actual')).toBe(0);
    expect(p.values.find((v) => v.key === 'sanGong.reception.actual')?.source).toBe('附件1 公务接待费 本年决算数');
    expect(p.unplaced.some((u) => u.includes('其他支出') && u.includes('1 2 3'))).toBe(true);
  });

  it('reads the 专项 of 附件1 and 附件3 as one item with its indicator rows under a merged 一级指标', () => {
    expect(p.items).toHaveLength(1);
    const it0 = p.items[0]!;
    const v = (k: string) => it0.values.find((x) => x.key === k)?.value;
    expect([v('special.name'), v('special.source'), v('special.priorFinal'), v('special.budgetInitial'), v('special.budgetFull'), v('special.executed')]).toEqual(['法律援助办案补贴', '市级专项资金', 50.1, 50, 53.2, 52.36]);
    const rows = it0.children.map((r) => Object.fromEntries(r.values.map((x) => [x.key.split('.')[1], x.value])));
    expect(rows).toEqual([
      { level1: '产出指标', level2: '数量指标', name: '办理案件数', weight: 20, direction: '≥', target: 450, measureUnit: '件', actual: 489 },
      { level1: '产出指标', level2: '成本指标', name: '单件补贴', weight: 5, direction: '≤', target: 1500, measureUnit: '元/件', actual: 1450 },
    ]);
  });
});
