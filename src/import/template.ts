import ExcelJS from 'exceljs';
import { rz } from '../messages/report-zh.js';
import { zh } from '../messages/zh.js';
import { controlKey, getField, getGroup, sectionTitle } from '../report/catalogue.js';
import type { FieldDef } from '../report/fields.js';
import { childItems, items, type FieldValue, type GroupItem, type ReportModel } from '../report/model.js';
import type { Deadline } from './limits.js';
import { numberFor } from './grid.js';
import { ProposalBuilder, type ItemBuilder } from './propose.js';
import {
  BUDGET_FIELDS,
  CONTROL_PERIODS,
  CONTROL_ROWS,
  CONTROL_SHEET_FIELDS,
  FUND_COLUMNS,
  FUND_PARTS,
  IND_COLUMNS,
  OTHER_FIELDS,
  SPARE,
  SPECIAL_FIELDS,
  TARGET_COLUMNS,
  TARGET_SHEET_FIELDS,
  TEMPLATE_MARKER,
} from './template-layout.js';
import type { ImportProposal } from './types.js';
import { cellOf, colName } from './xlsx-cells.js';

/**
 * Our XLSX template (template-layout.ts): written pre-filled from what a report already has
 * (the chat command 模板, `npm run template`), read back cell by cell (kind 'template').
 */

const T = zh.import.template;
const S = zh.import.src;
const PERIOD_HEAD = { prior: (y?: number) => (y ? `${y - 1}年决算数` : '上年决算数'), budget: (y?: number) => (y ? `${y}年预算数` : '本年预算数'), actual: (y?: number) => (y ? `${y}年决算数` : '本年决算数') };

const cellValue = (f: FieldDef | undefined, v: FieldValue | undefined): ExcelJS.CellValue => {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return (f?.yesNo ?? ['是', '否'])[v ? 0 : 1]!;
  return v;
};

/** A sheet with the hidden key column A and the hidden row of column ordinals. */
function dataSheet(wb: ExcelJS.Workbook, name: string, widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.getCell('A1').value = TEMPLATE_MARKER;
  widths.forEach((w, i) => {
    ws.getColumn(i + 2).width = w;
    ws.getCell(1, i + 2).value = `c${i + 1}`;
  });
  ws.getColumn(1).hidden = true;
  ws.getRow(1).hidden = true;
  return ws;
}

/** Put a row: key in A, then cells from column B; fields get their value, format and choices. */
function put(ws: ExcelJS.Worksheet, key: string | null, cells: (string | { field: string; value?: FieldValue } | null)[], opts: { bold?: boolean; mergeTo?: number } = {}): ExcelJS.Row {
  const row = ws.addRow([key, ...cells.map((c) => (c === null ? null : typeof c === 'string' ? c : cellValue(getField(c.field), c.value)))]);
  cells.forEach((c, i) => {
    const cell = row.getCell(i + 2);
    cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (opts.bold) cell.font = { bold: true };
    if (!c || typeof c === 'string') return;
    const f = getField(c.field);
    if (!f) return;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E0' } };
    if (f.kind === 'money') cell.numFmt = '0.00';
    const list = f.kind === 'boolean' ? f.yesNo : f.kind === 'choice' ? f.choices : undefined;
    if (list) cell.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`] };
  });
  if (opts.mergeTo) ws.mergeCells(row.number, 2 + cells.length - 1, row.number, opts.mergeTo);
  return row;
}

const labelOf = (key: string) => {
  const f = getField(key)!;
  return f.unit && f.unit !== '文本' ? `${f.label}（${f.unit}）` : f.label;
};

export async function writeTemplate(model?: ReportModel): Promise<Uint8Array> {
  const v = model?.values ?? {};
  const year = typeof v['unit.year'] === 'number' ? v['unit.year'] : undefined;
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评助手';

  // 基础数据表 — attachment 1
  const a1 = dataSheet(wb, T.sheets.control, [34, 16, 16, 16]);
  put(a1, null, [T.title], { bold: true, mergeTo: 5 });
  put(a1, null, [T.note], { mergeTo: 5 });
  put(a1, 'f:unit.year', [getField('unit.year')!.label, { field: 'unit.year', value: v['unit.year'] }]);
  put(a1, 'f:unit.name', [rz.a1.unitName, { field: 'unit.name', value: v['unit.name'] }], { mergeTo: 5 });
  put(a1, null, [T.staffHead, getField('staff.authorized')!.label, getField('staff.actual')!.label], { bold: true });
  put(a1, 'staff', [null, { field: 'staff.authorized', value: v['staff.authorized'] }, { field: 'staff.actual', value: v['staff.actual'] }]);
  put(a1, null, [T.fundsHead, ...CONTROL_PERIODS.map((p) => PERIOD_HEAD[p](year))], { bold: true });
  for (const [base, label] of CONTROL_ROWS) {
    put(a1, `ctl:${base}`, [label, ...CONTROL_PERIODS.map((p) => ({ field: controlKey(base, p), value: v[controlKey(base, p)] }))]);
    if (base === 'spend.business') put(a1, null, [T.specialsNote], { mergeTo: 5 });
  }
  put(a1, null, [T.item, T.value], { bold: true });
  for (const key of [...CONTROL_SHEET_FIELDS, ...BUDGET_FIELDS]) put(a1, `f:${key}`, [labelOf(key), { field: key, value: v[key] }]);

  // 专项资金 — one block per project (attachment 3), with blank blocks to fill
  const sp = dataSheet(wb, T.sheets.specials, [22, 14, 24, 12, 10, 12, 12, 8, 12, 30]);
  const specials = model ? items(model, 'special') : [];
  const nSpecials = Math.min(100, Math.max(specials.length + SPARE.specials, SPARE.minSpecials));
  for (let i = 1; i <= nSpecials; i++) writeSpecial(sp, i, specials[i - 1]);

  // 年度绩效目标
  const tg = dataSheet(wb, T.sheets.targets, [12, 28, 10, 10, 12, 12, 12, 10]);
  put(tg, null, [T.targetsHead], { bold: true, mergeTo: 9 });
  put(tg, null, TARGET_COLUMNS.map((k) => labelOf(k)), { bold: true });
  const targets = model ? items(model, 'target') : [];
  const nTargets = Math.min(100, Math.max(targets.length + SPARE.targets, SPARE.minTargets));
  for (let j = 1; j <= nTargets; j++) put(tg, `tg:${j}`, TARGET_COLUMNS.map((k) => ({ field: k, value: targets[j - 1]?.values[k] })));
  put(tg, null, [T.item, T.value], { bold: true });
  for (const key of TARGET_SHEET_FIELDS) put(tg, `f:${key}`, [labelOf(key), { field: key, value: v[key] }]);

  // 其他数据 — every other top-level field, by section
  const other = dataSheet(wb, T.sheets.other, [40, 40, 40]);
  for (const { section, keys } of OTHER_FIELDS) {
    put(other, null, [sectionTitle(section), T.value, T.unit], { bold: true });
    for (const key of keys) {
      const f = getField(key)!;
      put(other, `f:${key}`, [f.label, { field: key, value: v[key] }, f.choices ? T.choices(f.choices) : f.yesNo ? T.choices(f.yesNo) : (f.help ?? '')]);
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function writeSpecial(ws: ExcelJS.Worksheet, i: number, item: GroupItem | undefined): void {
  const v = item?.values ?? {};
  put(ws, `sp:${i}:head`, [T.special(i)], { bold: true, mergeTo: 11 });
  for (const key of SPECIAL_FIELDS) put(ws, `sp:${i}:f:${key}`, [labelOf(key), { field: key, value: v[key] }], { mergeTo: 11 });
  put(ws, null, [T.fundsHead3, ...FUND_COLUMNS.map((c) => getField(`special.${c}`)!.label)], { bold: true });
  put(ws, `sp:${i}:funds`, ['年度资金总额', ...FUND_COLUMNS.map((c) => ({ field: `special.${c}`, value: v[`special.${c}`] }))]);
  for (const [part, label] of FUND_PARTS) put(ws, `sp:${i}:funds.${part}`, [label, ...FUND_COLUMNS.map((c) => ({ field: `special.${c}.${part}`, value: v[`special.${c}.${part}`] }))]);
  put(ws, null, IND_COLUMNS.map((k) => labelOf(k)), { bold: true });
  const rows = item ? childItems(item, 'specialIndicator') : [];
  const n = Math.min(30, Math.max(rows.length + SPARE.indicators, SPARE.minIndicators));
  for (let j = 1; j <= n; j++) put(ws, `sp:${i}:ind:${j}`, IND_COLUMNS.map((k) => ({ field: k, value: rows[j - 1]?.values[k] })));
}

// ---- reading back ----

export function isTemplate(wb: ExcelJS.Workbook): boolean {
  return wb.worksheets.some((ws) => ws.getCell('A1').value === TEMPLATE_MARKER);
}

export function readTemplate(fileName: string, wb: ExcelJS.Workbook, deadline: Deadline): ImportProposal {
  const out = new ProposalBuilder('template', fileName);
  const specials = new Map<number, ItemBuilder>();
  const special = (i: number) => {
    let it = specials.get(i);
    if (!it) specials.set(i, (it = out.item('special', T.special(i), `${getGroup('special').label}${i}：`)));
    return it;
  };
  for (const ws of wb.worksheets) {
    if (ws.getCell('A1').value !== TEMPLATE_MARKER) continue;
    // column ordinals → where the columns are now
    const col = new Map<number, number>();
    for (let c = 2; c <= Math.min(ws.columnCount, 60); c++) {
      const m = /^c(\d+)$/.exec(String(ws.getCell(1, c).value ?? ''));
      if (m) col.set(Number(m[1]), c);
    }
    for (let r = 2; r <= Math.min(ws.rowCount, 10_000); r++) {
      deadline.check();
      const key = ws.getCell(r, 1).value;
      if (typeof key !== 'string' || !key) continue;
      const read = (ordinal: number, field: string, scope: ProposalBuilder | ItemBuilder = out) => {
        const c = col.get(ordinal);
        if (c === undefined) return;
        const cell = cellOf(ws.getCell(r, c));
        if (!cell || cell.merged) return;
        const where = S.cell(ws.name, `${colName(c - 1)}${r}`);
        if (cell.noCache) return out.unplace(zh.import.formulaNoValue(where));
        scope.set(field, numberFor(field, cell) ?? cell.text, where);
      };
      const parts = key.split(':');
      if (parts[0] === 'f') read(2, parts[1]!);
      else if (parts[0] === 'staff') {
        read(2, 'staff.authorized');
        read(3, 'staff.actual');
      } else if (parts[0] === 'ctl') CONTROL_PERIODS.forEach((p, k) => read(k + 2, controlKey(parts[1]!, p)));
      else if (parts[0] === 'tg') {
        const it = out.item('target', S.cell(ws.name, `第${r}行`), `${getGroup('target').label}${parts[1]}：`);
        TARGET_COLUMNS.forEach((f, k) => read(k + 1, f, it));
      } else if (parts[0] === 'sp') {
        const i = Number(parts[1]);
        if (parts[2] === 'f') read(2, parts[3]!, special(i));
        else if (parts[2] === 'funds') FUND_COLUMNS.forEach((c, k) => read(k + 2, `special.${c}`, special(i)));
        else if (parts[2]?.startsWith('funds.')) FUND_COLUMNS.forEach((c, k) => read(k + 2, `special.${c}.${parts[2]!.slice(6)}`, special(i)));
        else if (parts[2] === 'ind') {
          const it = special(i).child('specialIndicator', S.cell(ws.name, `第${r}行`), `${T.special(i)} 指标${parts[3]}：`);
          IND_COLUMNS.forEach((f, k) => read(k + 1, f, it));
        }
      }
    }
  }
  const year = out.get('unit.year');
  if (typeof year === 'number') out.year = year;
  const name = out.get('unit.name');
  if (typeof name === 'string') out.unitName = name;
  return out.build();
}
