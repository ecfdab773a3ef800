import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/export/document.js';
import { childItems, type FieldValue, type GroupItem, type ReportModel } from '../../src/report/model.js';
import { scoreReport } from '../../src/scoring/engine.js';
import type { ScoreResult } from '../../src/scoring/result.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { docxSections, docxTables, MERGED_ABOVE as UP } from '../helpers/docx.js';
import { seedModel } from '../helpers/rulesets.js';

/**
 * Attachments 1–3 read back from the DOCX, every cell, against the dataset (issue 29: attachment 1
 * with its 预算数 and 决算数 columns swapped, or 预算单位名称 left blank, passed the whole suite).
 * The expected tables are written out here from the dataset's own values — not with the builder's
 * helpers — so a wrong key, a swapped column or a lost row shows as a cell that differs.
 */
const ref = loadRuleSet('yueyang-reference');

const w = (x: FieldValue | undefined) => (typeof x === 'number' ? x.toFixed(2) : '（未填）');
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(2)}%`;

async function built(m: ReportModel): Promise<{ score: ScoreResult; a: string[][][][] }> {
  const score = scoreReport(m, ref);
  const doc = await buildReport(m, score, { createdAt: new Date('2025-03-01T08:00:00Z') });
  const sections = docxSections(doc.content);
  expect(sections).toHaveLength(7);
  return { score, a: sections.map((s) => docxTables(s)) };
}

/** 附件1's first table as it must read for `m` (the seed's row layout: specials only under 市级专项资金 or 上级转移支付). */
function expectedFunds(m: ReportModel): string[][] {
  const v = m.values;
  const y = v['unit.year'] as number;
  const row = (label: string, prior: string, budget: string, actual: string) => [label, w(v[prior]), w(v[budget]), w(v[actual])];
  const three = (label: string, base: string) => row(label, `${base}.prior`, `${base}.budget`, `${base}.actual`);
  const specials = m.groups.special ?? [];
  const under = (source: string) => specials.filter((s) => s.values['special.source'] === source);
  const sum = (list: GroupItem[], key: string) => list.reduce((t, s) => t + (s.values[key] as number), 0).toFixed(2);
  const source = (label: string, src: string) => {
    const list = under(src);
    return [
      [label, sum(list, 'special.priorFinal'), sum(list, 'special.budgetFull'), sum(list, 'special.executed')],
      ...list.map((s) => [`　　${s.values['special.name']}`, w(s.values['special.priorFinal']), w(s.values['special.budgetFull']), w(s.values['special.executed'])]),
    ];
  };
  const optional = (label: string, base: string) => [label, ...['prior', 'budget', 'actual'].map((p) => (typeof v[`${base}.${p}`] === 'number' ? w(v[`${base}.${p}`]) : '—'))];
  return [
    ['预算单位名称', String(v['unit.name'])],
    ['财政供养人员情况（人）', '编制数', `${y}年实际在职人数`, '控制率'],
    ['', String(v['staff.authorized']), String(v['staff.actual']), pct(v['staff.actual'] as number, v['staff.authorized'] as number)],
    ['经费控制情况（万元）', `${y - 1}年决算数`, `${y}年预算数`, `${y}年决算数`],
    three('三公经费（=1+2+3）', 'sanGong.total'),
    three('1、公务用车购置和维护经费', 'sanGong.car'),
    three('其中：公车购置', 'sanGong.carPurchase'),
    three('　　　公车运行维护', 'sanGong.carRunning'),
    three('2、出国经费', 'sanGong.abroad'),
    three('3、公务接待', 'sanGong.reception'),
    // the 本年决算数 of 项目支出 and 公用经费 is the figure section 二 asked for
    row('项目支出（=1+2+3）', 'spend.project.prior', 'spend.project.budget', 'spend.project'),
    three('1、业务工作经费', 'spend.business'),
    ...source('2、市级专项资金', '市级专项资金'),
    ...source('3、上级转移支付', '上级转移支付'),
    row('公用经费', 'basic.public.prior', 'basic.public.budget', 'basic.public'),
    three('其中：办公经费', 'public.office'),
    three('　　　水费、电费、差旅费', 'public.utilitiesTravel'),
    three('　　　会议费、培训费', 'public.meetingTraining'),
    three('政府采购金额', 'procurement'),
    optional('部门基本支出预算调整', 'basicAdjust'),
  ];
}

const BUILDING_HEAD = ['楼堂馆所控制情况', '批复规模（㎡）', '实际规模（㎡）', '规模控制率', '预算投资（万元）', '实际投资（万元）', '投资概算控制率'];

/** One 专项's 项目支出绩效自评表 as it must read: figures from the dataset, points from the score. */
function expectedProject(s: GroupItem, score: ScoreResult): string[][] {
  const sv = s.values;
  const p = score.projects.find((x) => x.id === s.id)!;
  const rate = (sv['special.executed'] as number) / (sv['special.budgetFull'] as number);
  const part = (k: string) => (typeof sv[k] === 'number' ? w(sv[k]) : '—');
  const indicators = childItems(s, 'specialIndicator').map((r, j) => {
    const rv = r.values;
    const unit = String(rv['specialIndicator.measureUnit'] ?? '');
    const dir = rv['specialIndicator.direction'];
    const qualitative = dir === '定性';
    return [
      String(rv['specialIndicator.level1']),
      String(rv['specialIndicator.level2']),
      String(rv['specialIndicator.name']),
      qualitative ? '定性' : `${dir === '≤' ? '≤' : ''}${rv['specialIndicator.target']}${unit}`,
      qualitative ? String(rv['specialIndicator.level']) : `${rv['specialIndicator.actual']}${unit}`,
      String(rv['specialIndicator.weight']),
      p.indicators[j]!.points!.toFixed(2),
      [rv['specialIndicator.deviation'], ...p.indicators[j]!.flags].filter(Boolean).join('；'),
    ];
  });
  return [
    ['项目名称', String(sv['special.name'])],
    ['主管部门', String(sv['special.department']), '实施单位', String(sv['special.implementer'])],
    ['项目资金（万元）', '年初预算数', '全年预算数（A）', '全年执行数（B）', '分值', '执行率（B/A）', '得分'],
    ['年度资金总额', w(sv['special.budgetInitial']), w(sv['special.budgetFull']), w(sv['special.executed']), String(ref.projects.executionWeight), `${(rate * 100).toFixed(2)}%`, (ref.projects.executionWeight * Math.min(rate, 1)).toFixed(2)],
    ...[
      ['其中：当年财政拨款', 'current'],
      ['　　　上年结转资金', 'carryover'],
      ['　　　其他资金', 'other'],
    ].map(([label, k]) => [label!, part(`special.budgetInitial.${k}`), part(`special.budgetFull.${k}`), part(`special.executed.${k}`), '—', '—', '—']),
    ['年度总体目标', '预期目标', '实际完成情况'],
    [UP, String(sv['special.goalPlanned']), String(sv['special.goalActual'])],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ...indicators,
    ['总分', '100', p.points.toFixed(2), p.grade],
  ];
}

describe('the seed report’s attachments 1–3, every cell', async () => {
  const m = seedModel();
  const { score, a } = await built(m);
  const v = m.values;

  it('附件1: the funds table, row by row and column by column', () => {
    expect(a[1]).toHaveLength(3);
    expect(a[1]![0]).toEqual(expectedFunds(m));
    // the figures the seed states, read off the page
    expect(a[1]![0]![0]).toEqual(['预算单位名称', '岳阳市法律援助中心']);
    expect(a[1]![0]!.find((r) => r[0] === '3、公务接待')).toEqual(['3、公务接待', '0.80', '0.80', '0.65']);
  });

  it('附件1: no building project, and the unit’s saving measures', () => {
    expect(a[1]![1]).toEqual([BUILDING_HEAD, [UP, '本年度无楼堂馆所项目']]);
    expect(a[1]![2]).toEqual([['厉行节约保障措施', String(v['saving.measures'])]]);
  });

  it('附件2: the funds row from the dataset', () => {
    expect(a[2]![0]).toEqual([
      ['年初预算数（万元）', '全年预算数（万元）', '全年执行数（万元）', '执行率'],
      [w(v['budget.initial']), w(v['budget.full']), w(v['budget.executed']), pct(v['budget.executed'] as number, v['budget.full'] as number)],
    ]);
    expect(a[2]![0]![1]).toEqual(['330.00', '365.00', '362.56', '99.33%']);
  });

  it('附件2: one row per indicator of the rule set, in its order, with the score’s points and reasons', () => {
    const t = a[2]![1]!;
    expect(t[0]).toEqual(['一级指标', '二级指标', '三级指标', '评分标准', '分值', '得分', '扣分原因/说明']);
    const expected: string[][] = [];
    for (const l1 of ref.tree) {
      l1.children.forEach((l2, j) =>
        l2.indicators.forEach((ind, k) => {
          const r = score.indicators.find((x) => x.id === ind.id)!;
          expected.push([
            j === 0 && k === 0 ? `${l1.name}\n（${l1.weight}分）` : UP,
            k === 0 ? `${l2.name}\n（${l2.weight}分）` : UP,
            ind.name,
            ind.criterion,
            String(ind.weight),
            r.points!.toFixed(2),
            r.reason ?? r.formula,
          ]);
        }),
      );
    }
    expect(t.slice(1, -2)).toEqual(expected);
    expect(t.slice(-2)).toEqual([
      ['合计', '100', score.total.toFixed(2), ''],
      ['等级', score.grade],
    ]);
    expect(t.at(-2)![2]).toBe('96.88');
  });

  it('附件3: one table per 专项, every cell from its answers', () => {
    const specials = m.groups.special!;
    expect(a[3]).toHaveLength(specials.length);
    specials.forEach((s, i) => expect(a[3]![i], String(s.values['special.name'])).toEqual(expectedProject(s, score)));
    // read off the page: the first 专项's execution and its split
    expect(a[3]![0]![3]).toEqual(['年度资金总额', '50.00', '53.20', '52.36', '10', '98.42%', '9.84']);
    expect(a[3]![0]![4]).toEqual(['其中：当年财政拨款', '—', '—', '52.36', '—', '—', '—']);
  });

  it('附件4–6: no tables when the unit has none of these funds', () => {
    expect([a[4], a[5], a[6]]).toEqual([[], [], []]);
  });
});

describe('attachment 1 with the rows the seed leaves empty', async () => {
  const m = seedModel();
  Object.assign(m.values, {
    'building.has': true,
    'building.approvedArea': 1200,
    'building.actualArea': 1150.5,
    'building.budgetInvest': 300,
    'building.actualInvest': 287.4,
    'basicAdjust.prior': 1.5,
    'basicAdjust.budget': 2,
  });
  delete m.values['sanGong.reception.actual'];
  const transfer = structuredClone(m.groups.special![1]!);
  Object.assign(transfer, { id: 'transfer' });
  Object.assign(transfer.values, { 'special.name': '中央法律援助补助', 'special.source': '上级转移支付', 'special.priorFinal': 8, 'special.budgetFull': 9.5, 'special.executed': 9.25 });
  m.groups.special!.push(transfer);
  const { score, a } = await built(m);

  it('a 上级转移支付 专项 under its own source row; an optional cell left empty prints —, a required one （未填）', () => {
    const funds = a[1]![0]!;
    expect(funds).toEqual(expectedFunds(m));
    expect(funds.find((r) => r[0] === '3、上级转移支付')).toEqual(['3、上级转移支付', '8.00', '9.50', '9.25']);
    expect(funds.find((r) => r[0] === '　　中央法律援助补助')).toEqual(['　　中央法律援助补助', '8.00', '9.50', '9.25']);
    expect(funds.find((r) => r[0] === '3、公务接待')).toEqual(['3、公务接待', '0.80', '0.80', '（未填）']);
    expect(funds.at(-1)).toEqual(['部门基本支出预算调整', '1.50', '2.00', '—']);
  });

  it('the building row: areas as typed, money with two decimals, both control rates', () => {
    expect(a[1]![1]).toEqual([BUILDING_HEAD, [UP, '1200', '1150.5', pct(1150.5, 1200), '300.00', '287.40', pct(287.4, 300)]]);
  });

  it('a third 专项 gets a third table', () => {
    expect(a[3]).toHaveLength(3);
    expect(a[3]![2]).toEqual(expectedProject(m.groups.special![2]!, score));
  });
});
