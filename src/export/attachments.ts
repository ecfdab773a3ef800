import type { ISectionOptions, Paragraph, Table } from 'docx';
import { MISSING, rz } from '../messages/report-zh.js';
import { controlKey, getField } from '../report/catalogue.js';
import type { Period } from '../report/fields.js';
import { fixed2, plain } from '../report/format.js';
import { bool, childItems, items, num, str, type FieldValue, type GroupItem, type ReportModel } from '../report/model.js';
import type { ScoreResult } from '../scoring/result.js';
import { count, plainOrMissing, rate, text, wan } from './figures.js';
import { attachmentHead, blank, para, section, TEXT_WIDTH, type Cell } from './layout.js';
import type { Pieces } from './pieces.js';

/** Split `total` twips in proportion to `parts` (rounding goes to the last column). */
function cols(total: number, parts: number[]): number[] {
  const sum = parts.reduce((s, p) => s + p, 0);
  const w = parts.map((p) => Math.floor((total * p) / sum));
  w[w.length - 1]! += total - w.reduce((s, x) => s + x, 0);
  return w;
}

const left = (t: string): Cell => ({ text: t, align: 'left' });
const PERIODS: Period[] = ['prior', 'budget', 'actual'];

/** 附件1 部门整体支出绩效评价基础数据表 (domain §2). */
function attachment1(model: ReportModel, pieces: Pieces): (Paragraph | Table)[] {
  const v = model.values;
  const y = num(v, 'unit.year');
  const yr = (d: number) => (y === undefined ? '____' : String(y + d));
  const A = rz.a1;
  // An optional cell left empty prints "—"; a required one says （未填） and is listed in 十.
  const cell = (key: string) => (num(v, key) === undefined && getField(key)?.required === false ? '—' : wan(v, key));
  const row = (label: string, base: string): (Cell | string)[] => [left(label), ...PERIODS.map((p) => cell(controlKey(base, p)))];
  const specials = items(model, 'special');
  const specialRows = (source: string) =>
    specials
      .filter((s) => str(s.values, 'special.source') === source)
      .map((s) => [left(`　　${str(s.values, 'special.name') ?? MISSING}`), wan(s.values, 'special.priorFinal'), wan(s.values, 'special.budgetFull'), wan(s.values, 'special.executed')]);
  const sumOf = (source: string, key: string) => {
    const list = specials.filter((s) => str(s.values, 'special.source') === source).map((s) => num(s.values, key));
    return list.some((x) => x === undefined) ? MISSING : fixed2(list.reduce((a, b) => a! + b!, 0)!);
  };
  const sourceRow = (label: string, source: string) => [left(label), sumOf(source, 'special.priorFinal'), sumOf(source, 'special.budgetFull'), sumOf(source, 'special.executed')];

  const w4 = cols(TEXT_WIDTH.portrait, [40, 20, 20, 20]);
  const funds = pieces.table(
    w4,
    [
      [{ text: A.unitName, bold: true }, { text: text(v, 'unit.name'), span: 3 }],
      [{ text: A.staffHead, bold: true }, A.authorized, A.actual(yr(0)), A.controlRate],
      ['', count(v, 'staff.authorized'), count(v, 'staff.actual'), rate(num(v, 'staff.actual'), num(v, 'staff.authorized'))],
      [{ text: A.fundsHead, bold: true }, { text: A.prior(yr(-1)), bold: true }, { text: A.budget(yr(0)), bold: true }, { text: A.final(yr(0)), bold: true }],
      row(A.sanGong, 'sanGong.total'),
      row(A.car, 'sanGong.car'),
      row(A.carPurchase, 'sanGong.carPurchase'),
      row(A.carRunning, 'sanGong.carRunning'),
      row(A.abroad, 'sanGong.abroad'),
      row(A.reception, 'sanGong.reception'),
      row(A.project, 'spend.project'),
      row(A.business, 'spend.business'),
      sourceRow(A.city, '市级专项资金'),
      ...specialRows('市级专项资金'),
      sourceRow(A.transfer, '上级转移支付'),
      ...specialRows('上级转移支付'),
      row(A.public, 'basic.public'),
      row(A.office, 'public.office'),
      row(A.utilities, 'public.utilitiesTravel'),
      row(A.meeting, 'public.meetingTraining'),
      row(A.procurement, 'procurement'),
      row(A.basicAdjust, 'basicAdjust'),
    ],
    1,
  );

  const has = bool(v, 'building.has');
  const w7 = cols(TEXT_WIDTH.portrait, [22, 13, 13, 13, 13, 13, 13]);
  const buildingValues =
    has === false
      ? [{ text: A.noBuilding, span: 6 }]
      : [
          plainOrMissing(v, 'building.approvedArea'),
          plainOrMissing(v, 'building.actualArea'),
          rate(num(v, 'building.actualArea'), num(v, 'building.approvedArea')),
          wan(v, 'building.budgetInvest'),
          wan(v, 'building.actualInvest'),
          rate(num(v, 'building.actualInvest'), num(v, 'building.budgetInvest')),
        ];
  const buildings = pieces.table(w7, [
    [{ text: A.buildingHead, rowSpan: 2, bold: true }, ...A.buildingCols.map((c) => ({ text: c, bold: true }))],
    buildingValues,
  ], 0);
  const saving = pieces.table(cols(TEXT_WIDTH.portrait, [22, 78]), [[{ text: A.saving, bold: true }, left(text(v, 'saving.measures'))]], 0);
  return [...attachmentHead(1, rz.attachments[0]), ...funds, blank(), ...buildings, blank(), ...saving];
}

/** 附件2 部门整体支出绩效自评表: printed from the same score result as the chat summary. */
function attachment2(model: ReportModel, score: ScoreResult, pieces: Pieces): (Paragraph | Table)[] {
  const v = model.values;
  const A = rz.a2;
  const widths = cols(TEXT_WIDTH.landscape, [8, 9, 14, 35, 6, 7, 21]);
  const funds = pieces.table(cols(TEXT_WIDTH.landscape, [25, 25, 25, 25]), [
    A.fundsCols.map((c) => ({ text: c })),
    [wan(v, 'budget.initial'), wan(v, 'budget.full'), wan(v, 'budget.executed'), rate(num(v, 'budget.executed'), num(v, 'budget.full'))],
  ]);
  const rows: (Cell | string)[][] = [A.cols.map((c) => ({ text: c }))];
  for (const l1 of score.level1) {
    const l1Rows = l1.children.reduce((s, c) => s + c.indicators.length, 0);
    l1.children.forEach((l2, j) => {
      l2.indicators.forEach((ind, k) => {
        const r: (Cell | string)[] = [];
        if (j === 0 && k === 0) r.push({ text: `${l1.name}\n（${plain(l1.weight)}分）`, rowSpan: l1Rows });
        if (k === 0) r.push({ text: `${l2.name}\n（${plain(l2.weight)}分）`, rowSpan: l2.indicators.length });
        const why = ind.status === 'pending' ? `${MISSING}${ind.missing.map((m) => m.label).join('、')}` : (ind.reason ?? ind.formula);
        r.push(left(ind.name), left(ind.criterion), plain(ind.weight), ind.points === null ? MISSING : fixed2(ind.points), left(why));
        rows.push(r);
      });
    });
  }
  const totalText = fixed2(score.total) + (score.complete ? '' : A.provisional);
  rows.push([{ text: A.total, span: 4, bold: true }, '100', { text: totalText, bold: true }, '']);
  rows.push([{ text: A.grade, span: 4, bold: true }, { text: score.grade + (score.complete ? '' : A.provisional), span: 3 }]);
  return [...attachmentHead(2, rz.attachments[1]), ...funds, blank(), ...pieces.table(widths, rows)];
}

/** One 专项's 项目支出绩效自评表 (after a blank line, but for the first). */
function projectTable(s: GroupItem, i: number, score: ScoreResult, pieces: Pieces): (Paragraph | Table)[] {
  const A = rz.a3;
  const widths = cols(TEXT_WIDTH.landscape, [10, 11, 17, 12, 12, 7, 8, 23]);
  const sv = s.values;
  const result = score.projects.find((p) => p.id === s.id);
  const fundCols = ['budgetInitial', 'budgetFull', 'executed'] as const;
  const cell = (values: Record<string, FieldValue>, key: string) => wan(values, key);
  const rows: (Cell | string)[][] = [
    [{ text: A.name, bold: true }, { text: text(sv, 'special.name'), span: 7, align: 'left' }],
    [{ text: A.department, bold: true }, { text: text(sv, 'special.department'), span: 3, align: 'left' }, { text: A.implementer, bold: true, span: 2 }, { text: text(sv, 'special.implementer'), span: 2, align: 'left' }],
    [{ text: A.fundsCols[0]!, span: 2, bold: true }, ...A.fundsCols.slice(1).map((c) => ({ text: c, bold: true }))],
    [
      { text: A.fundRows[0]!, span: 2, align: 'left' },
      ...fundCols.map((c) => cell(sv, `special.${c}`)),
      plain(result?.executionWeight ?? 10),
      result?.executionRate === null || result === undefined ? MISSING : `${fixed2(result.executionRate)}%`,
      result?.executionPoints === null || result === undefined ? MISSING : fixed2(result.executionPoints),
    ],
    ...(['current', 'carryover', 'other'] as const).map((part, j) => [
      { text: A.fundRows[j + 1]!, span: 2, align: 'left' as const },
      ...fundCols.map((c) => (num(sv, `special.${c}.${part}`) === undefined ? '—' : cell(sv, `special.${c}.${part}`))),
      '—',
      '—',
      '—',
    ]),
    [{ text: A.goalHead, rowSpan: 2, bold: true }, { text: A.goalCols[0]!, span: 4, bold: true }, { text: A.goalCols[1]!, span: 3, bold: true }],
    [{ text: text(sv, 'special.goalPlanned'), span: 4, align: 'left' }, { text: text(sv, 'special.goalActual'), span: 3, align: 'left' }],
    A.indicatorCols.map((c) => ({ text: c, bold: true })),
  ];
  childItems(s, 'specialIndicator').forEach((row, j) => {
    const rv = row.values;
    const r = result?.indicators[j];
    const qualitative = str(rv, 'specialIndicator.direction') === '定性';
    const unit = str(rv, 'specialIndicator.measureUnit') ?? '';
    const dir = str(rv, 'specialIndicator.direction') ?? '';
    const target = qualitative ? A.qualitative : num(rv, 'specialIndicator.target') === undefined ? MISSING : `${dir === '≥' || dir === '=' ? '' : dir}${plain(num(rv, 'specialIndicator.target')!)}${unit}`;
    const actual = qualitative ? (str(rv, 'specialIndicator.level') ?? MISSING) : num(rv, 'specialIndicator.actual') === undefined ? MISSING : `${plain(num(rv, 'specialIndicator.actual')!)}${unit}`;
    rows.push([
      text(rv, 'specialIndicator.level1'),
      text(rv, 'specialIndicator.level2'),
      left(text(rv, 'specialIndicator.name')),
      target,
      actual,
      num(rv, 'specialIndicator.weight') === undefined ? MISSING : plain(num(rv, 'specialIndicator.weight')!),
      r?.points === null || r === undefined ? MISSING : fixed2(r.points),
      left([str(rv, 'specialIndicator.deviation'), ...(r?.flags ?? [])].filter(Boolean).join('；')),
    ]);
  });
  rows.push([{ text: A.total, span: 5, bold: true }, '100', { text: result ? fixed2(result.points) + (result.complete ? '' : rz.a2.provisional) : MISSING, bold: true }, result?.grade ?? '']);
  return i > 0 ? [blank(), ...pieces.table(widths, rows, 0)] : pieces.table(widths, rows, 0);
}

/**
 * 附件3 项目支出绩效自评表: one per 专项 (财预〔2020〕10号 style, domain §4). The document's
 * largest part by far; each 专项's table is one piece, written as text (pieces.table).
 */
function attachment3(model: ReportModel, score: ScoreResult, pieces: Pieces): (Paragraph | Table)[] {
  const specials = items(model, 'special');
  const head = attachmentHead(3, rz.attachments[2]);
  if (specials.length === 0) return [...head, para(rz.none)];
  const out: (Paragraph | Table)[] = [...head];
  specials.forEach((s, i) => out.push(...projectTable(s, i, score, pieces)));
  return out;
}

/** 附件4–6: the unit's figures, or 无. */
function otherFundAttachment(model: ReportModel, n: 4 | 5 | 6, base: string, name: string, pieces: Pieces): (Paragraph | Table)[] {
  const v = model.values;
  const head = attachmentHead(n, rz.attachments[n - 1]!);
  if (bool(v, `${base}.has`) !== true) return [...head, para(bool(v, `${base}.has`) === false ? rz.none : MISSING)];
  return [
    ...head,
    ...pieces.table(cols(TEXT_WIDTH.portrait, [22, 16, 16, 14, 32]), [
      rz.a4.cols.map((c) => ({ text: c })),
      [name, wan(v, `${base}.budget`), wan(v, `${base}.executed`), rate(num(v, `${base}.executed`), num(v, `${base}.budget`)), left(str(v, `${base}.purpose`) ?? '')],
    ]),
  ];
}

export function attachmentSections(model: ReportModel, score: ScoreResult, pieces: Pieces): ISectionOptions[] {
  return [
    section(attachment1(model, pieces)),
    section(attachment2(model, score, pieces), { landscape: true }),
    section(attachment3(model, score, pieces), { landscape: true }),
    section(otherFundAttachment(model, 4, 'govFund', '政府性基金', pieces)),
    section(otherFundAttachment(model, 5, 'stateCapital', '国有资本经营', pieces)),
    section(otherFundAttachment(model, 6, 'socialInsurance', '社会保险基金', pieces)),
  ];
}
