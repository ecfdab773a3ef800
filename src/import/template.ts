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

/**
 * How the template looks on screen and on paper. Every styled cell names its font and size (a
 * font without them falls back to the workbook default, Calibri); headers are bold. Excel and
 * LibreOffice size neither merged cells nor (on opening) rows of wrapped text, so each row whose
 * text takes more than one line gets a height from an estimate of its width below.
 */
const TEMPLATE_FONTS = {
  cell: { name: '宋体', size: 11 },
  head: { name: '宋体', size: 11, bold: true },
  title: { name: '黑体', size: 14 },
} as const satisfies Record<string, Partial<ExcelJS.Font>>;

/** Points per line of wrapped text at 11 pt (Excel's 宋体 needs 14.25, Noto CJK ~16), plus the cell's padding. */
const LINE_PT = 16;
const PAD_PT = 4;

/** Width of a text in column-width units (one unit = a digit of the default 11 pt font): CJK and full-width characters take two. */
function textUnits(text: string, size = 11): number {
  let n = 0;
  for (const ch of text) n += /[\u2e80-\uffef]/.test(ch) ? 2.1 : 1.15;
  return (n * size) / 11;
}

/** Lines a text takes in a wrapped cell `width` units wide (one at least, each paragraph on its own). */
function linesIn(text: string, width: number, size = 11): number {
  const room = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line, size) / room)), 0);
}

/** Row height (pt) for `lines` lines of `size` pt text, at most Excel's limit of 409 pt. */
const heightFor = (lines: number, size = 11) => Math.min(409, Math.ceil((lines * LINE_PT * size) / 11 + PAD_PT));

/** Print settings: A4, one page wide and as many pages high as needed, centred. */
const pageSetup = (orientation: 'portrait' | 'landscape'): Partial<ExcelJS.PageSetup> => ({
  paperSize: 9, // A4
  orientation,
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
});

/** A sheet with the hidden key column A and the hidden row of column ordinals. */
function dataSheet(wb: ExcelJS.Workbook, name: string, widths: number[], orientation: 'portrait' | 'landscape'): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: pageSetup(orientation),
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.getCell('A1').value = TEMPLATE_MARKER;
  widths.forEach((w, i) => {
    ws.getColumn(i + 2).width = w;
    ws.getCell(1, i + 2).value = `c${i + 1}`;
  });
  ws.getColumn(1).hidden = true;
  ws.getRow(1).hidden = true;
  return ws;
}

type Style = 'cell' | 'head' | 'title';

/** Put a row: key in A, then cells from column B; fields get their value, format and choices. */
function put(ws: ExcelJS.Worksheet, key: string | null, cells: (string | { field: string; value?: FieldValue } | null)[], opts: { style?: Style; mergeTo?: number } = {}): ExcelJS.Row {
  const row = ws.addRow([key, ...cells.map((c) => (c === null ? null : typeof c === 'string' ? c : cellValue(getField(c.field), c.value)))]);
  const font = TEMPLATE_FONTS[opts.style ?? 'cell'];
  let lines = 1;
  cells.forEach((c, i) => {
    const cell = row.getCell(i + 2);
    cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.font = { ...font };
    const last = opts.mergeTo && i === cells.length - 1 ? opts.mergeTo : i + 2;
    let width = 0;
    for (let col = i + 2; col <= last; col++) width += ws.getColumn(col).width ?? 9;
    const text = cell.value === null || cell.value === undefined ? '' : String(cell.value);
    if (text) lines = Math.max(lines, linesIn(text, width, font.size));
    if (!c || typeof c === 'string') return;
    const f = getField(c.field);
    if (!f) return;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E0' } };
    if (f.kind === 'money') cell.numFmt = '0.00';
    const list = f.kind === 'boolean' ? f.yesNo : f.kind === 'choice' ? f.choices : undefined;
    if (list) cell.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`] };
  });
  if (opts.mergeTo) ws.mergeCells(row.number, 2 + cells.length - 1, row.number, opts.mergeTo);
  if (lines > 1 || opts.style === 'title') row.height = heightFor(lines, font.size);
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
  const a1 = dataSheet(wb, T.sheets.control, [34, 16, 16, 16], 'portrait');
  put(a1, null, [T.title], { style: 'title', mergeTo: 5 });
  put(a1, null, [T.note], { mergeTo: 5 });
  put(a1, 'f:unit.year', [getField('unit.year')!.label, { field: 'unit.year', value: v['unit.year'] }]);
  put(a1, 'f:unit.name', [rz.a1.unitName, { field: 'unit.name', value: v['unit.name'] }], { mergeTo: 5 });
  put(a1, null, [T.staffHead, getField('staff.authorized')!.label, getField('staff.actual')!.label], { style: 'head' });
  put(a1, 'staff', [null, { field: 'staff.authorized', value: v['staff.authorized'] }, { field: 'staff.actual', value: v['staff.actual'] }]);
  put(a1, null, [T.fundsHead, ...CONTROL_PERIODS.map((p) => PERIOD_HEAD[p](year))], { style: 'head' });
  for (const [base, label] of CONTROL_ROWS) {
    put(a1, `ctl:${base}`, [label, ...CONTROL_PERIODS.map((p) => ({ field: controlKey(base, p), value: v[controlKey(base, p)] }))]);
    if (base === 'spend.business') put(a1, null, [T.specialsNote], { mergeTo: 5 });
  }
  put(a1, null, [T.item, T.value], { style: 'head' });
  for (const key of [...CONTROL_SHEET_FIELDS, ...BUDGET_FIELDS]) {
    const kind = getField(key)!.kind;
    // a text (厉行节约保障措施) gets the row's whole width, not one narrow figure column
    put(a1, `f:${key}`, [labelOf(key), { field: key, value: v[key] }], kind === 'text' || kind === 'longtext' ? { mergeTo: 5 } : {});
  }

  // 专项资金 — one block per project (attachment 3), with blank blocks to fill
  const sp = dataSheet(wb, T.sheets.specials, [22, 14, 24, 12, 10, 12, 12, 8, 12, 30], 'landscape');
  const specials = model ? items(model, 'special') : [];
  const nSpecials = Math.min(100, Math.max(specials.length + SPARE.specials, SPARE.minSpecials));
  for (let i = 1; i <= nSpecials; i++) writeSpecial(sp, i, specials[i - 1]);

  // 年度绩效目标
  const tg = dataSheet(wb, T.sheets.targets, [12, 28, 10, 10, 12, 12, 12, 10], 'landscape');
  put(tg, null, [T.targetsHead], { style: 'head', mergeTo: 9 });
  put(tg, null, TARGET_COLUMNS.map((k) => labelOf(k)), { style: 'head' });
  const targets = model ? items(model, 'target') : [];
  const nTargets = Math.min(100, Math.max(targets.length + SPARE.targets, SPARE.minTargets));
  for (let j = 1; j <= nTargets; j++) put(tg, `tg:${j}`, TARGET_COLUMNS.map((k) => ({ field: k, value: targets[j - 1]?.values[k] })));
  put(tg, null, [T.item, T.value], { style: 'head' });
  for (const key of TARGET_SHEET_FIELDS) put(tg, `f:${key}`, [labelOf(key), { field: key, value: v[key] }]);

  // 其他数据 — every other top-level field, by section
  const other = dataSheet(wb, T.sheets.other, [24, 84, 28], 'landscape');
  for (const { section, keys } of OTHER_FIELDS) {
    put(other, null, [sectionTitle(section), T.value, T.unit], { style: 'head' });
    for (const key of keys) {
      const f = getField(key)!;
      put(other, `f:${key}`, [f.label, { field: key, value: v[key] }, f.choices ? T.choices(f.choices) : f.yesNo ? T.choices(f.yesNo) : (f.help ?? '')]);
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function writeSpecial(ws: ExcelJS.Worksheet, i: number, item: GroupItem | undefined): void {
  const v = item?.values ?? {};
  put(ws, `sp:${i}:head`, [T.special(i)], { style: 'head', mergeTo: 11 });
  for (const key of SPECIAL_FIELDS) put(ws, `sp:${i}:f:${key}`, [labelOf(key), { field: key, value: v[key] }], { mergeTo: 11 });
  put(ws, null, [T.fundsHead3, ...FUND_COLUMNS.map((c) => getField(`special.${c}`)!.label)], { style: 'head' });
  put(ws, `sp:${i}:funds`, ['年度资金总额', ...FUND_COLUMNS.map((c) => ({ field: `special.${c}`, value: v[`special.${c}`] }))]);
  for (const [part, label] of FUND_PARTS) put(ws, `sp:${i}:funds.${part}`, [label, ...FUND_COLUMNS.map((c) => ({ field: `special.${c}.${part}`, value: v[`special.${c}.${part}`] }))]);
  put(ws, null, IND_COLUMNS.map((k) => labelOf(k)), { style: 'head' });
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
