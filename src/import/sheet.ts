import ExcelJS from 'exceljs';
import { zh } from '../messages/zh.js';
import { parseCsv, decodeText } from './csv.js';
import { matchGrid, textCell, type Grid, type GridCell } from './grid.js';
import { MAX_SHEET_COLS, MAX_SHEET_ROWS, type Deadline } from './limits.js';
import { ProposalBuilder } from './propose.js';
import { isTemplate, readTemplate } from './template.js';
import { ImportError, type ImportProposal } from './types.js';

/**
 * Spreadsheets: .xlsx through exceljs (which never evaluates a formula: a formula cell gives its
 * cached result, or is reported when the file stored none) and .csv. Our own template is read
 * cell by cell (template.ts); any other sheet row by row, by labels (grid.ts, labels.ts).
 */

const S = zh.import.src;

/** exceljs's cell value as a grid cell. */
export function cellOf(cell: ExcelJS.Cell): GridCell | undefined {
  const v = cell.value as unknown;
  const merged = cell.isMerged && cell.master !== cell;
  const flag = merged ? { merged: true } : {};
  const percent = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
  const num = (n: number): GridCell => (percent ? { text: `${n * 100}%`, num: Number((n * 100).toPrecision(15)), unit: '%', ...flag } : { text: String(n), num: n, ...flag });
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

/** Load a workbook, within the deadline (exceljs cannot be stopped: the answer is given, the load dropped). */
export async function loadWorkbook(content: Uint8Array, deadline: Deadline): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ImportError('IMPORT_TIMEOUT', zh.import.timeout)), deadline.remaining());
  });
  try {
    await Promise.race([wb.xlsx.load(Buffer.from(content.buffer, content.byteOffset, content.byteLength) as unknown as ExcelJS.Buffer), timeout]);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('IMPORT_CORRUPT', zh.import.corrupt);
  } finally {
    clearTimeout(timer);
  }
  return wb;
}

export async function readXlsx(fileName: string, content: Uint8Array, deadline: Deadline): Promise<ImportProposal> {
  const wb = await loadWorkbook(content, deadline);
  if (isTemplate(wb)) return readTemplate(fileName, wb, deadline);
  const out = new ProposalBuilder('sheet', fileName);
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    const rows = worksheetRows(ws, deadline);
    const grid: Grid = {
      name: ws.name,
      rows,
      where: (r, c) => S.cell(ws.name, `${colName(c)}${r + 1}`),
      rowWhere: (r) => `${ws.name} 第${r + 1}行`,
    };
    const { year } = matchGrid(grid, out, deadline);
    if (year !== undefined && out.year === undefined) out.year = year;
  }
  return out.build();
}

export function readCsv(fileName: string, content: Uint8Array, deadline: Deadline): ImportProposal {
  const rows = parseCsv(decodeText(content), deadline);
  const out = new ProposalBuilder('sheet', fileName);
  const grid: Grid = { name: fileName, rows, where: (r, c) => S.csvCell(r + 1, c + 1), rowWhere: (r) => `第${r + 1}行` };
  const { year } = matchGrid(grid, out, deadline);
  if (year !== undefined) out.year = year;
  return out.build();
}
