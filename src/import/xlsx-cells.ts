import type ExcelJS from 'exceljs';
import { textCell, type GridCell } from './grid.js';
import { MAX_SHEET_COLS, MAX_SHEET_ROWS, type Deadline } from './limits.js';

/** exceljs's cells as grid cells: numbers, cached formula results, text-stored numbers, merges. */

/** exceljs's cell value as a grid cell. */
export function cellOf(cell: ExcelJS.Cell): GridCell | undefined {
  const v = cell.value as unknown;
  const merged = cell.isMerged && cell.master !== cell;
  const flag = merged ? { merged: true } : {};
  const percent = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
  // a cell shown as a percentage holds the fraction: fields in % take it ×100 (grid.ts numberFor)
  const num = (n: number): GridCell => (percent ? { text: `${n * 100}%`, num: n, fraction: true, ...flag } : { text: String(n), num: n, ...flag });
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return { ...textCell(v), ...flag };
  if (typeof v === 'boolean') return { text: v ? '是' : '否', ...flag };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), ...flag };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return { ...textCell((o.richText as { text?: string }[]).map((t) => t.text ?? '').join('')), ...flag };
    if ('formula' in o || 'sharedFormula' in o) {
      const r = o.result;
      if (r === undefined || r === null) return { text: '', noCache: true, ...flag };
      if (typeof r === 'number') return num(r);
      if (typeof r === 'string') return { ...textCell(r), ...flag };
      if (typeof r === 'boolean') return { text: r ? '是' : '否', ...flag };
      if (r instanceof Date) return { text: r.toISOString().slice(0, 10), ...flag };
      return { text: String((r as { error?: string }).error ?? ''), ...flag };
    }
    if (typeof o.text === 'string') return { ...textCell(o.text), ...flag };
    if (typeof o.error === 'string') return { text: o.error, ...flag };
  }
  return undefined;
}

export function worksheetRows(ws: ExcelJS.Worksheet, deadline: Deadline): (GridCell | undefined)[][] {
  const rows: (GridCell | undefined)[][] = [];
  const nr = Math.min(ws.rowCount, MAX_SHEET_ROWS);
  const nc = Math.min(ws.columnCount, MAX_SHEET_COLS);
  for (let r = 1; r <= nr; r++) {
    deadline.check();
    const row = ws.getRow(r);
    const cells: (GridCell | undefined)[] = [];
    for (let c = 1; c <= nc; c++) cells.push(cellOf(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

export const colName = (c: number): string => {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

