import { MISSING } from '../messages/report-zh.js';
import { zh } from '../messages/zh.js';
import { controlKey, getField } from '../report/catalogue.js';
import type { Period } from '../report/fields.js';
import { plain } from '../report/format.js';
import { classifyHeader, COMPUTED_LABELS, matchLabel, normalizeLabel, UNIT_PATTERN, type ColumnRole } from './labels.js';
import type { Deadline } from './limits.js';
import { parseNumber, toWan, type MoneyUnit } from './numbers.js';
import type { ItemBuilder, ProposalBuilder } from './propose.js';

/**
 * A table as rows of cells, whatever it came from (a worksheet, a CSV, a table of a DOCX), and
 * the matching of its rows to the catalogue by their labels and of its columns by their
 * headers (labels.ts). Merged cells repeat their text in every column they cover (`merged`
 * marks the copies), so a header spanning two columns heads both.
 */

export interface GridCell {
  text: string;
  /** The cell's number: a numeric cell, a formula's cached result, or text that reads as one. */
  num?: number;
  /** Unit written in the cell itself (「12.5万元」). */
  unit?: MoneyUnit | '%';
  /** A cell formatted as a percentage: `num` is the fraction it stores (0.95 shown as 95%). */
  fraction?: boolean;
  /** A formula whose result the file did not store: never computed here. */
  noCache?: boolean;
  /** A copy of a merged cell's text in a column it covers. */
  merged?: boolean;
}

export interface Grid {
  name: string;
  rows: (GridCell | undefined)[][];
  /** How the user is told where a cell is: 「Sheet1!C7」, 「第3行第2列」, 「附件1 公务接待 本年决算数」. */
  where(r: number, c: number, label: string, column: string): string;
  /** Where a whole row is, for unplaced lines: 「Sheet1 第9行」. */
  rowWhere(r: number): string;
}

/** A cell's number for a field: a percentage-formatted cell's fraction ×100 for a field in %. */
export function numberFor(key: string, cell: GridCell): number | undefined {
  if (cell.num === undefined) return undefined;
  return cell.fraction && getField(key)?.kind === 'percent' ? Number((cell.num * 100).toPrecision(15)) : cell.num;
}

/** A cell from a text (CSV, DOCX): its number if the text is one. */
export function textCell(text: string, merged = false): GridCell {
  const t = text.trim();
  const n = parseNumber(t);
  return { text: t, ...(n ? { num: n.value, ...(n.unit ? { unit: n.unit } : {}) } : {}), ...(merged ? { merged } : {}) };
}

const PERIOD_COLUMN: Partial<Record<ColumnRole, Period>> = { prior: 'prior', budget: 'budget', actual: 'actual' };
/** Columns of a 专项 row: attachment 3's and attachment 1's (上年决算 / 本年预算 = 全年预算 / 本年决算 = 执行). */
const SPECIAL_COLUMN: Partial<Record<ColumnRole, string>> = {
  budgetInitial: 'special.budgetInitial',
  budgetFull: 'special.budgetFull',
  executed: 'special.executed',
  prior: 'special.priorFinal',
  budget: 'special.budgetFull',
  actual: 'special.executed',
};
const PERIOD_NAMES: Record<ColumnRole, string> = {
  prior: '上年决算数',
  budget: '本年预算数',
  actual: '本年决算数',
  budgetInitial: '年初预算数',
  budgetFull: '全年预算数',
  executed: '全年执行数',
  ignore: '',
};

interface Header {
  row: number;
  roles: Map<number, ColumnRole>;
  /** The header text of each role column, as printed. */
  titles: Map<number, string>;
  units: Map<number, MoneyUnit>;
  year?: number;
}

const isNum = (c: GridCell | undefined): c is GridCell & { num: number } => c?.num !== undefined;
const hasText = (c: GridCell | undefined): boolean => !!c && c.text !== '' && c.num === undefined;

/** The header row: the row (within the first 40) whose columns, joined with up to two text rows above, name the most roles. */
function findHeader(grid: Grid, deadline: Deadline): Header | undefined {
  let best: Header | undefined;
  let bestScore = 0;
  for (let r = 0; r < Math.min(grid.rows.length, 40); r++) {
    deadline.check();
    if ((grid.rows[r] ?? []).some(isNum)) continue;
    // with 0, 1 or 2 header rows above it: contiguous rows without figures (a merged group
    // header over sub-headers); the fewest rows that name the most roles win
    for (let d = 0; d <= 2 && r - d >= 0 && !(grid.rows[r - d] ?? []).some(isNum); d++) {
      const h = headerAt(grid, r, d);
      const score = new Set([...h.roles.values()].filter((ro) => ro !== 'ignore')).size;
      if (score > bestScore) {
        bestScore = score;
        best = h;
      }
    }
  }
  return best;
}

function headerAt(grid: Grid, r: number, depth: number): Header {
  const rows = Array.from({ length: depth + 1 }, (_, i) => grid.rows[r - depth + i] ?? []);
  const width = Math.max(...rows.map((x) => x.length));
  const roles = new Map<number, ColumnRole>();
  const titles = new Map<number, string>();
  const units = new Map<number, MoneyUnit>();
  const years = new Map<number, number>();
  const finals: [number, number][] = [];
  for (let c = 0; c < width; c++) {
    const parts = rows.map((x) => x[c]?.text ?? '').filter((t, i, a) => t && a.indexOf(t) === i);
    const title = parts.join('');
    const cls = classifyHeader(title);
    const unit = unitIn(title);
    if (unit) units.set(c, unit);
    if (!cls) continue;
    titles.set(c, title);
    if (cls.role === 'yearFinal') finals.push([c, cls.year!]);
    else roles.set(c, cls.role);
    if (cls.year) years.set(c, cls.year);
  }
  // {Y-1}年决算数 / {Y}年决算数: the earlier is 上年, the later (or the 预算 column's year) 本年.
  const budgetYear = [...roles].filter(([, ro]) => ro === 'budget').map(([c]) => years.get(c)).find((y) => y !== undefined);
  const latest = Math.max(...finals.map(([, y]) => y), budgetYear ?? -Infinity);
  for (const [c, y] of finals) roles.set(c, y === latest ? 'actual' : 'prior');
  return { row: r, roles, titles, units, ...(Number.isFinite(latest) ? { year: latest } : {}) };
}

/** A money unit in a label or header: 「人员经费（元）」. */
const unitIn = (text: string): MoneyUnit | undefined => /[（(](万元|千元|亿元|元)[)）]/.exec(text)?.[1] as MoneyUnit | undefined;

/** The money unit the sheet states in a line of its own («单位：元»), or 万元. */
function sheetUnit(grid: Grid, upTo: number): MoneyUnit {
  for (let r = 0; r <= Math.min(upTo, grid.rows.length - 1); r++) {
    for (const c of grid.rows[r] ?? []) {
      const m = c && UNIT_PATTERN.exec(c.text);
      if (m) return m[1] as MoneyUnit;
    }
  }
  return '万元';
}

export interface MatchResult {
  /** Year the headers name as 本年 (「2024年决算数」). */
  year?: number;
}

/** Match the rows of one table into the proposal. */
export function matchGrid(grid: Grid, out: ProposalBuilder, deadline: Deadline): MatchResult {
  const header = findHeader(grid, deadline);
  const unit = sheetUnit(grid, (header?.row ?? 0) + 10);
  const used = new Set<string>();
  const mark = (r: number, c: number) => used.add(`${r},${c}`);
  const roleCols = header ? [...header.roles].filter(([, ro]) => ro !== 'ignore') : [];
  const computedCols = new Set(header ? [...header.roles].filter(([, ro]) => ro === 'ignore').map(([c]) => c) : []);
  let source: string | undefined; // 资金类别 of the 专项 rows under a 市级专项资金 / 上级转移支付 row
  let left = new Map<number, number>(); // what the rows of that block still have to add up to

  // the unit written in the cell, else in its row's label, else in its column's header, else the sheet's
  const moneyOf = (cell: GridCell, c: number, labelUnit?: MoneyUnit): number => {
    if (cell.unit === '%') return cell.num!;
    const u = (cell.unit as MoneyUnit | undefined) ?? labelUnit ?? header?.units.get(c) ?? unit;
    return toWan(cell.num!, u);
  };
  const valueOf = (key: string, cell: GridCell, c: number, label: string): number | string => {
    if (cell.num === undefined) return cell.text;
    return getField(key)?.kind === 'money' ? moneyOf(cell, c, unitIn(label)) : numberFor(key, cell)!;
  };
  const setCell = (key: string, r: number, c: number, label: string, column: string, scope: ProposalBuilder | ItemBuilder = out) => {
    const cell = grid.rows[r]?.[c];
    if (!cell) return;
    mark(r, c);
    const where = grid.where(r, c, label, column);
    if (cell.noCache) return out.unplace(zh.import.formulaNoValue(where));
    const field = getField(key);
    const numeric = field && ['money', 'number', 'percent', 'area', 'integer'].includes(field.kind);
    if (numeric && cell.num === undefined) {
      if (cell.text && !/^[—\-－–]+$/.test(cell.text) && cell.text !== MISSING) out.unplace(zh.import.notANumber(where, cell.text));
      return;
    }
    scope.set(key, valueOf(key, cell, c, label), where);
  };

  for (let r = 0; r < grid.rows.length; r++) {
    deadline.check();
    const row = grid.rows[r] ?? [];
    const belowHeader = header !== undefined && r > header.row;
    const labelAt = row.findIndex((cell) => hasText(cell) && !cell!.merged);
    const label = labelAt >= 0 ? row[labelAt]!.text : '';
    const m = label ? matchLabel(label) : undefined;

    if (belowHeader && m && 'control' in m && roleCols.some(([, ro]) => PERIOD_COLUMN[ro])) {
      for (const [c, ro] of roleCols) {
        const p = PERIOD_COLUMN[ro];
        if (p) setCell(controlKey(m.control, p), r, c, label, PERIOD_NAMES[ro]);
      }
      source = undefined;
      mark(r, labelAt);
    } else if (belowHeader && m && 'specialSource' in m) {
      // its figures are the sums of the 专项 rows below: the block ends when they are reached
      source = m.specialSource;
      left = new Map(roleCols.filter(([c]) => isNum(row[c])).map(([c]) => [c, row[c]!.num!]));
      row.forEach((_, c) => mark(r, c));
    } else if (belowHeader && !m && labelAt >= 0 && roleCols.some(([c, ro]) => SPECIAL_COLUMN[ro] && isNum(row[c])) && (source || roleCols.some(([, ro]) => ro === 'budgetFull' || ro === 'executed'))) {
      const name = label.replace(/^[\s　]+/, '');
      const it = out.item('special', grid.rowWhere(r), name);
      it.set('special.name', name, grid.where(r, labelAt, name, ''));
      if (source) it.set('special.source', source, grid.rowWhere(r));
      for (const [c, ro] of roleCols) {
        const key = SPECIAL_COLUMN[ro];
        if (key) setCell(key, r, c, name, PERIOD_NAMES[ro], it);
        if (left.has(c) && isNum(row[c])) left.set(c, left.get(c)! - row[c]!.num!);
      }
      if (left.size && [...left.values()].every((x) => Math.abs(x) < 0.005)) source = undefined;
      mark(r, labelAt);
    }
    // Label/value pairs anywhere in the row: 「编制数 | 11」, or a label with its value below.
    // A row of several labels is pairs; one label in a table of 本年/全年 columns has its figure there.
    const labels = row.filter((cell) => hasText(cell) && !cell!.merged && matchLabel(cell!.text)).length;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!hasText(cell) || cell!.merged) continue;
      const lm = matchLabel(cell!.text);
      if (lm && 'computed' in lm) {
        mark(r, c);
        computedCols.add(c);
        continue;
      }
      if (!lm || !('field' in lm)) continue;
      if (used.has(`${r},${c}`) && c === labelAt && !('field' in (m ?? {}))) continue;
      const field = getField(lm.field)!;
      const numeric = ['money', 'number', 'percent', 'area', 'integer'].includes(field.kind);
      let vc = -1;
      // in a table with 本年决算/全年执行 columns, a single figure of the year is in that column
      const yearCol = roleCols.find(([cc, ro]) => (ro === 'actual' || ro === 'executed') && cc > c && isNum(row[cc]));
      if (numeric && belowHeader && yearCol && labels === 1) vc = yearCol[0];
      for (let k = c + 1; vc < 0 && k < row.length; k++) {
        const next = row[k];
        if (!next || next.text === '' || (next.merged && next.text === cell!.text)) continue;
        if (numeric ? isNum(next) || next.noCache : !matchLabel(next.text)) vc = k;
        break;
      }
      if (vc >= 0) {
        mark(r, c);
        setCell(lm.field, r, vc, cell!.text, '');
        c = vc;
      } else if (numeric && (isNum(grid.rows[r + 1]?.[c]) || grid.rows[r + 1]?.[c]?.noCache)) {
        mark(r, c);
        setCell(lm.field, r + 1, c, cell!.text, '');
      }
    }
  }

  // Figures nobody claimed: shown to the user as read but not placed.
  for (let r = 0; r < grid.rows.length; r++) {
    deadline.check();
    const row = grid.rows[r] ?? [];
    const loose = row.map((cell, c) => [cell, c] as const).filter(([cell, c]) => isNum(cell) && !cell!.merged && !used.has(`${r},${c}`) && !computedCols.has(c) && !(header && r === header.row));
    if (loose.length === 0) continue;
    const label = row.find((cell) => hasText(cell))?.text ?? '';
    if (COMPUTED_LABELS.includes(normalizeLabel(label))) continue;
    const figures = loose.map(([cell]) => `${plain(cell!.num!)}${cell!.unit ?? ''}`).join(' ');
    out.unplace(zh.import.unplacedRow(grid.rowWhere(r), label, figures));
  }
  return header?.year !== undefined ? { year: header.year } : {};
}
